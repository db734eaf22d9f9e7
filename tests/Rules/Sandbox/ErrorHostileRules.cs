namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>
/// Hostile rule bodies that compile (they use only the rule API and pure computation) but exhaust
/// memory, stack or time, or try to write what they read: each must end as an Error verdict.
/// </summary>
internal static class ErrorHostileRules
{
    public static TheoryData<string, string, string> All() => new()
    {
        // name, body, what the Error message says
        { "a 2 GB byte array", "var a = new byte[int.MaxValue];\nreturn Pass(a.Length.ToString());", "allocation budget" },
        { "a huge array of longs", "var a = new long[int.MaxValue / 2];\nreturn Pass(a.Length.ToString());", "allocation budget" },
        { "string doubling", "var s = \"a\";\nwhile (true) { s += s; }", "budget" },
        { "new string of int.MaxValue chars", "var s = new string('a', int.MaxValue);\nreturn Pass(s);", "budget" },
        { "a huge list capacity", "var l = new List<long>(int.MaxValue);\nreturn Pass(\"\");", "budget" },
        { "PadLeft to int.MaxValue", "return Pass(\"\".PadLeft(int.MaxValue));", "budget" },
        { "StringBuilder appending forever", "var b = new StringBuilder();\nfor (;;) b.Append('x', 1_000_000);", "budget" },
        { "an expression-bodied recursive lambda", "Func<int, int> f = null!;\nf = x => f(x) + 1;\nreturn Pass(f(0).ToString());", "recursed too deeply|budget" },
        { "a simple recursive lambda with a block", "Func<int, int> f = null!;\nf = x => { return f(x) + 1; };\nreturn Pass(f(0).ToString());", "recursed too deeply|budget" },
        { "a recursive expression-bodied local function", "int Down(int n) => Down(n + 1) + 1;\nreturn Pass(Down(0).ToString());", "recursed too deeply|budget" },
        { "mutual recursion", "int A(int n) => B(n) + 1;\nint B(int n) => A(n) + 1;\nreturn Pass(A(0).ToString());", "recursed too deeply|budget" },
        { "a recursive anonymous method", "Func<int, int> f = null!;\nf = delegate (int x) { return f(x) + 1; };\nreturn Pass(f(0).ToString());", "recursed too deeply|budget" },
        { "recursion through a LINQ delegate", "Func<int, int> f = null!;\nf = x => new[] { x }.Select(y => f(y)).First();\nreturn Pass(f(0).ToString());", "recursed too deeply|budget" },
        { "200,000 nested Distinct operators", "IEnumerable<int> s = new[] { 1 };\nfor (var i = 0; i < 200_000; i++) s = s.Distinct();\nreturn Pass(s.Count().ToString());", "recursed too deeply|budget" },
        { "1,000,000 nested Select operators", "IEnumerable<int> s = new[] { 1 };\nfor (var i = 0; i < 1_000_000; i++) s = s.Select(x => x);\nreturn Pass(s.Count().ToString());", "recursed too deeply|budget" },
        { "1,000,000 nested queries", "IEnumerable<int> s = new[] { 1 };\nfor (var i = 0; i < 1_000_000; i++) s = from x in s select x;\nreturn Pass(s.Count().ToString());", "recursed too deeply|budget" },
        { "an endless loop", "while (true) { }", "time budget" },
        { "an endless goto", "again: goto again;", "time budget" },
        { "a catastrophic regex with a long timeout", "var text = new string('a', 40) + \"!\";\nreturn Regex.IsMatch(text, @\"^(\\w+\\s?)*$\", RegexOptions.None, TimeSpan.FromHours(1)) ? Pass(\"\") : Fail(\"\");", "Regex" },
        { "a catastrophic regex with an infinite timeout", "var r = new Regex(@\"^(\\w+\\s?)*$\", RegexOptions.None, Regex.InfiniteMatchTimeout);\nreturn r.IsMatch(new string('a', 40) + \"!\") ? Pass(\"\") : Fail(\"\");", "Regex" },
        { "an endless LINQ delegate over a rule iterator", "IEnumerable<int> Forever() { var i = 0; while (true) yield return i++; }\nreturn Pass(Forever().Count(x => x >= 0).ToString());", "time budget" },
        { "an endless query expression", "IEnumerable<int> Forever() { while (true) yield return 1; }\nvar q = from x in Forever() where x > 0 select x;\nreturn Pass(q.Count().ToString());", "time budget" },
        { "a slow LINQ predicate", "var items = new int[1000];\nvar n = items.Count(a => items.Count(b => items.Count(c => a + b + c >= 0) > 0) > 0);\nreturn Pass(n.ToString());", "time budget" },
        { "catching the timeout and carrying on", "try { while (true) { } } catch (Exception) { }\nreturn Pass(\"looks fine\");", "time budget" },
        // The body's own method is guarded only where its text can name it (RuleWrapper.MayCallItself): each way of naming it.
        { "the body calling itself", "return Evaluate();", "recursed too deeply|budget" },
        { "the body calling itself, spelled with a Unicode escape", "return Ev\\u0061luate();", "recursed too deeply|budget" },
        // C# drops a formatting character (Unicode Cf: soft hyphen, zero-width joiner) from an identifier: these name Evaluate too.
        { "the body calling itself, spelled with a soft hyphen", "return Eval\u00ADuate();", "recursed too deeply|budget" },
        { "the body calling itself, spelled with a zero-width joiner", "Func<RuleResult> again = Eva\u200Dluate;\nreturn again();", "recursed too deeply|budget" },
        { "the body calling itself through a delegate", "Func<RuleResult> again = Evaluate;\nreturn again();", "recursed too deeply|budget" },
        { "the body calling itself and catching the stack guard", "try { return Evaluate(); } catch (Exception) { return Pass(\"looks fine\"); }", "recursed too deeply|budget" },
        { "the body calling itself twice, catching the stack guard", "try { Evaluate(); } catch (Exception) { }\ntry { Evaluate(); } catch (Exception) { }\nreturn Pass(\"looks fine\");", "recursed too deeply|budget" },
        { "catching the stack guard and returning Pass", "int Down(int n) => Down(n + 1) + 1;\ntry { Down(0); } catch (Exception) { }\nreturn Pass(\"looks fine\");", "recursed too deeply|budget" },
        // Guards in the body and in local functions called directly take the budget from the script (this.GuardBudget);
        // lambdas, static local functions and local functions that become delegates keep the thread's: each path ends.
        { "a local that shadows the script's guard budget", "var GuardBudget = 0;\nwhile (true) { GuardBudget++; }", "time budget" },
        { "a local function named like the script's guard budget", "void GuardBudget() { while (true) { } }\nGuardBudget();\nreturn Pass(\"\");", "time budget" },
        { "an endless loop in a local function", "void Spin() { while (true) { } }\nSpin();\nreturn Pass(\"\");", "time budget" },
        { "an endless loop in a static local function", "static void Spin() { while (true) { } }\nSpin();\nreturn Pass(\"\");", "time budget" },
        { "an endless loop in a local function made a delegate", "void Spin() { while (true) { } }\nAction spin = Spin;\nspin();\nreturn Pass(\"\");", "time budget" },
        { "an endless loop in a local function called from a lambda", "void Spin() { while (true) { } }\nAction spin = () => Spin();\nspin();\nreturn Pass(\"\");", "time budget" },
        { "an endless loop in a lambda", "Action spin = () => { while (true) { } };\nspin();\nreturn Pass(\"\");", "time budget" },
        { "an endless loop in a local function inside a lambda", "Action spin = () => { void Inner() { while (true) { } } Inner(); };\nspin();\nreturn Pass(\"\");", "time budget" },
        { "recursion in a static local function", "static int Down(int n) => Down(n + 1) + 1;\nreturn Pass(Down(0).ToString());", "recursed too deeply|budget" },
        { "recursion in a local function made a delegate", "int Down(int n) => Down(n + 1) + 1;\nFunc<int, int> down = Down;\nreturn Pass(down(0).ToString());", "recursed too deeply|budget" },
        { "a local function catching the timeout and carrying on", "void Spin() { try { while (true) { } } catch (Exception) { } }\nSpin();\nreturn Pass(\"looks fine\");", "time budget" },
        { "casting Tags to Dictionary to write them", "((Dictionary<string, string>)Resource.Tags)[\"owner\"] = \"nobody\";\nreturn Pass(\"\");", "InvalidCastException" },
        { "casting the estate's customers to List", "((List<Customer>)Estate.Customers).Clear();\nreturn Pass(\"\");", "InvalidCastException" },
        { "casting a customer's accounts to List", "((List<string>)Estate.Customers[0].Accounts).Add(Resource.AccountId);\nreturn Pass(\"\");", "InvalidCastException" },
        { "casting the inventory's list to List", "((List<Resource>)Inventory.OfType(Resource.Type)).Clear();\nreturn Pass(\"\");", "InvalidCastException" },
        { "casting relationships to List", "((List<Relationship>)Resource.Relationships).Clear();\nreturn Pass(\"\");", "InvalidCastException" },
        { "casting an escalation table to an array", "((EscalationMethod[])PrivilegeEscalation.Methods)[0] = null!;\nreturn Pass(\"\");", "InvalidCastException" },
        { "casting the quota table to an array", "((QuotaUsageRule[])QuotaUsageTable.Rules)[0] = null!;\nreturn Pass(\"\");", "InvalidCastException" },
    };
}
