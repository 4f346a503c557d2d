using Groundwork.Security;

namespace Groundwork.Api;

/// <summary>Checks account fields; errors are keyed by the snake_case field name.</summary>
public static class AccountValidation
{
    public const int MaxEmailLength = 320;
    public const int MaxNameLength = 200;
    public const int MaxTokenNameLength = 100;

    public static void Email(string? email, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(email))
        {
            errors["email"] = ["email is required"];
        }
        else if (email.Length > MaxEmailLength || email.Trim() != email || !email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@'))
        {
            errors["email"] = [$"email must look like name@example.com (at most {MaxEmailLength} characters)"];
        }
    }

    public static void Name(string? name, bool required, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (name is null && !required)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["name must not be empty"];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"name must have at most {MaxNameLength} characters"];
        }
    }

    public static void Password(string? password, Dictionary<string, string[]> errors, string field = "password")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (password is not null && Passwords.Check(password) is { } problem)
        {
            errors[field] = [problem];
        }
    }

    /// <summary>A 400 validation problem that also names the first field in <c>field</c>.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem(Dictionary<string, string[]> errors, string title)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(errors, title: title, extensions: new Dictionary<string, object?> { ["field"] = errors.Keys.First() });
    }
}
