using System.Diagnostics.CodeAnalysis;

[assembly: System.CLSCompliant(false)]

// The conformance suite is xunit test code shipped as a library: test names read as sentences, and awaits stay on xunit's context.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Scope = "namespaceanddescendants", Target = "~N:PartnerKarte.Testing.Conformance", Justification = "Test names read as sentences.")]
[assembly: SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Scope = "namespaceanddescendants", Target = "~N:PartnerKarte.Testing.Conformance", Justification = "xunit test code.")]
