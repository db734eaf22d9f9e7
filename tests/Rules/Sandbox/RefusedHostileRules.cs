namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>
/// Hostile rule bodies the engine must refuse at load. Each starts on line 6 of its file (after
/// <see cref="Support.Build.Header"/>); the column is where the refusal must point.
/// </summary>
internal static class RefusedHostileRules
{
    public static TheoryData<string, string, int, int, string> All() => new()
    {
        // name, body, line, column, what the error names
        { "#line hidden hides a file read", "#line hidden\nvar t = System.IO.File.ReadAllText(\"/etc/hostname\");\nreturn Pass(t);", 6, 1, "#line hidden" },
        { "#line hidden still has its file read refused", "#line hidden\nvar t = System.IO.File.ReadAllText(\"/etc/hostname\");\nreturn Pass(t);", 7, 19, "System.IO.File" },
        { "#line default after hidden", "#line hidden\n#line default\nreturn Pass(\"\");", 7, 1, "#line default" },
        { "#line to another file", "#line 1 \"elsewhere.csx\"\nreturn Pass(System.IO.File.ReadAllText(\"x\"));", 7, 23, "System.IO.File" },
        { "#pragma warning disable", "#pragma warning disable CS0168\nreturn Pass(\"\");", 6, 1, "#pragma" },
        { "#if false hides code", "#if false\nSystem.IO.File.Delete(\"x\");\n#endif\nreturn Pass(\"\");", 6, 1, "#if false" },
        { "#define", "#define X\nreturn Pass(\"\");", 6, 1, "#define" },
        { "#nullable", "#nullable disable\nreturn Pass(\"\");", 6, 1, "#nullable" },
        { "#region", "#region r\nreturn Pass(\"\");\n#endregion", 6, 1, "#region" },
        { "#r reference", "#r \"System.Net.Http\"\nreturn Pass(\"\");", 6, 1, "#r" },
        { "file write", "System.IO.File.WriteAllText(\"/tmp/x\", \"owned\");\nreturn Pass(\"\");", 6, 16, "System.IO.File" },
        { "network", "var c = new System.Net.Sockets.TcpClient(\"evil.example\", 80);\nreturn Pass(\"\");", 6, 32, "TcpClient" },
        { "process", "System.Diagnostics.Process.Start(\"sh\");\nreturn Pass(\"\");", 6, 1, "Process" },
        { "environment", "var k = Environment.GetEnvironmentVariable(\"AWS_SECRET_ACCESS_KEY\");\nreturn Pass(k ?? \"\");", 6, 9, "System.Environment" },
        { "reflection through GetType", "var m = \"\".GetType().GetMethods();\nreturn Pass(\"\");", 6, 12, "reflection" },
        { "unicode escape in an identifier", "var t = System.IO.Fil\\u0065.ReadAllText(\"/etc/hostname\");\nreturn Pass(t);", 6, 19, "System.IO.File" },
        { "global:: alias", "var t = global::System.IO.File.ReadAllText(\"/etc/hostname\");\nreturn Pass(t);", 6, 27, "System.IO.File" },
        { "using alias", "using F = System.IO.File;\nreturn Pass(F.ReadAllText(\"/etc/hostname\"));", 6, 21, "System.IO.File" },
        { "extern alias", "extern alias X;\nreturn Pass(\"\");", 6, 1, "extern" },
        { "Type.GetType by name", "var t = Type.GetType(\"System.IO.File\");\nreturn Pass(\"\");", 6, 9, "System.Type" },
        { "typeof then Assembly", "var a = typeof(string).Assembly;\nreturn Pass(\"\");", 6, 24, "System.Type" },
        { "dynamic", "dynamic d = 1;\nreturn Pass(\"\");", 6, 1, "dynamic" },
        { "unsafe block", "unsafe { int x = 1; }\nreturn Pass(\"\");", 6, 1, "unsafe" },
        { "pointer", "int* p = null;\nreturn Pass(\"\");", 6, 1, "unsafe" },
        { "stackalloc", "Span<int> s = stackalloc int[4];\nreturn Pass(\"\");", 6, 15, "stackalloc" },
        { "function pointer", "delegate*<void> f = null;\nreturn Pass(\"\");", 6, 1, "unsafe" },
        { "attribute with DllImport", "[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid();\nreturn Pass(\"\");", 6, 2, "attributes" },
        { "naming the script's guard budget", "var b = GuardBudget;\nreturn Pass(\"\");", 6, 9, "GuardBudget" },
        { "naming the script's guard budget through this", "var b = this.GuardBudget;\nreturn Pass(\"\");", 6, 14, "GuardBudget" },
        { "reflection at the script's guard budget", "var p = typeof(RuleScript).GetProperty(\"GuardBudget\");\nreturn Pass(\"\");", 6, 28, "System.Type" },
        { "Activator", "var o = Activator.CreateInstance(typeof(object));\nreturn Pass(\"\");", 6, 9, "System.Activator" },
        { "AppDomain", "var d = AppDomain.CurrentDomain;\nreturn Pass(\"\");", 6, 9, "System.AppDomain" },
        { "AssemblyLoadContext", "var c = System.Runtime.Loader.AssemblyLoadContext.Default;\nreturn Pass(\"\");", 6, 31, "AssemblyLoadContext" },
        { "GC", "GC.Collect();\nreturn Pass(\"\");", 6, 1, "System.GC" },
        { "Marshal", "var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(8);\nreturn Pass(\"\");", 6, 40, "Marshal" },
        { "MemoryMarshal rewriting a string", "var s = System.Runtime.InteropServices.MemoryMarshal.AsMemory(\"abc\".AsMemory());\nreturn Pass(\"\");", 6, 40, "MemoryMarshal" },
        { "CollectionsMarshal", "var l = new List<int>();\nvar s = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(l);\nreturn Pass(\"\");", 7, 40, "CollectionsMarshal" },
        { "Unsafe.As", "var o = System.Runtime.CompilerServices.Unsafe.As<string>(new object());\nreturn Pass(\"\");", 6, 41, "Unsafe" },
        { "a static field after closing the body", "return Pass(\"\"); }\nstatic List<string> Seen = new();\nvoid X() {", 6, 18, "outside the rule's body" },
        { "a finalizer after closing the body", "return Pass(\"\"); }\n~Rule0() { while (true) { } }\nvoid X() {", 6, 18, "outside the rule's body" },
        { "a static constructor after closing the body", "return Pass(\"\"); }\nstatic Rule0() { }\nvoid X() {", 6, 18, "outside the rule's body" },
        { "a class with a recursive property", "return Pass(\"\"); } }\nclass Deep { int P => P + 1; }\nclass Tail { void X() {", 6, 18, "outside the rule's body" },
        { "a default interface method", "return Pass(\"\"); } }\ninterface I { void M() { } }\nclass Tail { void X() {", 6, 18, "outside the rule's body" },
        { "__makeref", "int x = 1; var r = __makeref(x);\nreturn Pass(\"\");", 6, 20, "__makeref" },
        { "lock on a shared object", "lock (Estate) { }\nreturn Pass(\"\");", 6, 1, "lock" },
        { "expression trees", "System.Linq.Expressions.Expression<Func<int>> e = () => 1;\nreturn Pass(\"\");", 6, 25, "Expression" },
        { "PLINQ", "var n = Resource.Tags.AsParallel().Count();\nreturn Pass(\"\");", 6, 23, "AsParallel" },
        { "Enumerable.Range", "var n = Enumerable.Range(0, int.MaxValue).Count();\nreturn Pass(\"\");", 6, 20, "Enumerable.Range" },
        { "Enumerable.Repeat", "var a = Enumerable.Repeat(0L, int.MaxValue).ToArray();\nreturn Pass(\"\");", 6, 20, "Enumerable.Repeat" },
        { "a regex without timeout", "return Regex.IsMatch(Resource.Id, \"^(\\\\w+\\\\s?)*$\") ? Pass(\"\") : Fail(\"\");", 6, 8, "match timeout" },
        { "a Regex built without timeout", "var r = new Regex(\"^(a+)+$\");\nreturn Pass(\"\");", 6, 9, "match timeout" },
        { "a static setter", "System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(\"tr-TR\");\nreturn Pass(\"\");", 6, 1, "static" },
        { "JsonSerializer reflecting over any type", "var s = System.Text.Json.JsonSerializer.Serialize(Estate);\nreturn Pass(s);", 6, 26, "JsonSerializer" },
        { "a thread", "var t = new System.Threading.Thread(() => { });\nreturn Pass(\"\");", 6, 30, "Thread" },
        { "async local function", "async void Later() { }\nreturn Pass(\"\");", 6, 1, "async" },
    };
}
