using BenchmarkDotNet.Running;
using Ocado.Guardrails.Benchmarks;

// macro (default): demo estates of each size, floor (read + parse) and full scan side by side, each in its
// own process so that peak memory is the scan's own. micro: BenchmarkDotNet on the hot paths.
// rules DIR [--accounts N]: what each rule costs per evaluation on a demo estate. parse/floor/full/graph: the child processes macro starts.
// history FINDINGS_JSON STORE: the SQLite history alone, three nights of a findings.json's findings.
// dump DIR OUT: every resource the reader hands out, one line each, to compare two builds' reading of one estate.
var mode = args.Length > 0 ? args[0] : "macro";
return mode switch
{
    "micro" => RunMicro(args[1..]),
    "floor" => ChildRun.Floor(args[1]),
    "parse" => ParseRun.Parse(args[1]),
    "catalog" => ChildRun.Catalog(args.Length > 1 ? args[1] : null),
    "rules" => RuleCosts.Run(args[1], args[2..]),
    "full" => await ChildRun.FullAsync(args[1], args[2]),
    "graph" => GraphRun.Build(args[1]),
    "history" => await HistoryRun.RunAsync(args[1], args[2]),
    "dump" => DumpRun.Dump(args[1], args[2]),
    _ => await MacroBenchmark.RunAsync(args.Length > 1 ? args[1..] : []),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(MacroBenchmark).Assembly).Run(args.Length > 0 ? args : ["--filter", "*"]);
    return 0;
}
