using Groundwork.Web.Tests.Infrastructure;

// One browser for the run; the tests take turns (the machine has few cores and each test starts a server).
[assembly: AssemblyFixture(typeof(BrowserFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
