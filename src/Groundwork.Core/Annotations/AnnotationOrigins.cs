namespace Groundwork.Core.Annotations;

/// <summary>Where an annotation came from.</summary>
public static class AnnotationOrigins
{
    /// <summary>Typed by a person in the editor or through the API.</summary>
    public const string Human = "human";

    /// <summary>Brought in with an import (for example a Label Studio export moved over).</summary>
    public const string Imported = "imported";

    /// <summary>A model's prediction that a person accepted unchanged.</summary>
    public const string PredictionAccepted = "prediction_accepted";

    /// <summary>Accepted automatically by the auto-labeler.</summary>
    public const string AutoLabel = "auto_label";
}
