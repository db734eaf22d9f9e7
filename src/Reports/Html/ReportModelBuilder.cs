using Ocado.Guardrails.Reports.Compliance;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>Builds a <see cref="ReportModel"/> in one pass over the findings.</summary>
internal static class ReportModelBuilder
{
    public const string PlatformOwner = "platform";
    public const string UnknownOwner = "not in the estate";

    public static ReportModel Build(ScanResult result, string title, CancellationToken cancellationToken)
    {
        var model = new ReportModel { Title = title, Result = result };
        AddEstate(model, result);
        AddRules(model, result);

        model.HasStatus = result.Findings.Any(f => f.Status is not null);
        model.Columns.AddRange(FindingsDataWriter.BaseColumns);
        if (model.HasStatus)
        {
            model.Columns.AddRange(["status", "firstSeen"]);
        }
        // Evidence is looked for before the columns are fixed: a message may quote a statement.
        var evidence = new int[result.Findings.Count];
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var finding = result.Findings[i];
            evidence[i] = model.Details.AddEvidence(finding.Evidence, finding.Message, finding.ResourceArn);
        }
        if (model.Details.HasEvidence)
        {
            model.Columns.Add("evidence");
        }

        var columns = model.Columns.Count;
        var cells = new int[result.Findings.Count * columns];
        // Per rule index, the ARNs (by index) failing it; rules without a header join as findings name them.
        var failing = new Dictionary<int, HashSet<int>>();
        var withFindings = new HashSet<int>();
        for (var i = 0; i < result.Findings.Count; i++)
        {
            if ((i & 8191) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var finding = result.Findings[i];
            var rule = RuleIndex(model, finding);
            var arn = model.Arns.Add(finding.ResourceArn);
            model.Details.AddArn(arn, finding.ResourceArn, finding.Tags);
            var account = AccountIndex(model, finding.AccountId);
            var customer = CustomerIndex(model, finding.Customer);
            // In the order of FindingsDataWriter.BaseColumns, then the optional ones.
            var row = cells.AsSpan(i * columns, columns);
            row[0] = rule;
            row[1] = model.Families.Add(finding.Family);
            row[2] = (int)finding.Severity;
            row[3] = (int)finding.Verdict;
            row[4] = arn;
            row[5] = model.Types.Add(finding.ResourceType);
            row[6] = account;
            row[7] = model.Regions.Add(finding.Region);
            row[8] = customer;
            row[9] = model.Messages.Add(finding.Message, finding.ResourceArn);
            var next = 10;
            if (model.HasStatus)
            {
                row[next++] = finding.Status is { } status ? (int)status : -1;
                row[next++] = model.Details.AddFirstSeen(finding.FirstSeen);
                if (finding.Status is { } counted)
                {
                    model.StatusCounts[(int)counted]++;
                }
            }
            if (model.Details.HasEvidence)
            {
                row[next] = evidence[i];
            }

            model.Totals.Add(finding.Verdict);
            model.BySeverity[finding.Severity].Add(finding.Verdict);
            model.RuleSummaries[rule].Counts.Add(finding.Verdict);
            model.ByAccount[account].Counts.Add(finding.Verdict);
            model.ByAccount[account].Posture.Add(finding, arn);
            var byCustomer = customer >= 0 ? model.ByCustomer[customer] : model.NoCustomer;
            byCustomer.Counts.Add(finding.Verdict);
            byCustomer.Posture.Add(finding, arn);
            if (!model.ByFamily.TryGetValue(row[1], out var family))
            {
                model.ByFamily[row[1]] = family = new VerdictCounts();
            }
            family.Add(finding.Verdict);
            if (finding.Verdict != Verdict.Pass)
            {
                withFindings.Add(arn);
            }
            model.HasFindingsWithoutCustomer |= customer < 0;
            if (finding.Verdict is Verdict.Fail or Verdict.Error)
            {
                if (!failing.TryGetValue(rule, out var arns))
                {
                    failing[rule] = arns = [];
                }
                arns.Add(arn);
            }
        }
        model.Cells = cells;
        if (result.Counts is { } counts)
        {
            AddCounts(model, counts);
        }
        model.ResourcesWithFindings = withFindings.Count;
        model.Frameworks = ComplianceBuilder.Build(result, id => id is null ? -1 : model.Customers.IndexOf(id), cancellationToken);
        model.Waivers = WaiverSummary.Build(result);
        foreach (var (rule, arns) in failing)
        {
            model.RuleSummaries[rule].AffectedResources = arns.Count;
        }
        model.FindingVerdicts = [.. Labels.VerdictsWorstFirst.Where(v => v is not Verdict.Pass and not Verdict.Skip || model.Totals[v] > 0)];
        model.Data = FindingsDataWriter.Write(model, cancellationToken);
        return model;
    }

    /// <summary>The pass rates of customers and accounts from the evaluations the scan counted, passes included.</summary>
    private static void AddCounts(ReportModel model, ScanCounts counts)
    {
        foreach (var (accountId, account) in counts.Accounts)
        {
            var row = model.ByAccount[AccountIndex(model, accountId)];
            var customer = CustomerIndex(model, model.Result.Estate.CustomerOf(accountId)?.Id);
            var owner = customer >= 0 ? model.ByCustomer[customer] : model.NoCustomer;
            foreach (var rule in account.Rules.Values)
            {
                (row.Evaluated ??= new VerdictCounts()).Add(rule);
                (owner.Evaluated ??= new VerdictCounts()).Add(rule);
            }
            model.HasFindingsWithoutCustomer |= customer < 0 && account.Rules.Count > 0;
        }
    }

    private static void AddEstate(ReportModel model, ScanResult result)
    {
        foreach (var customer in result.Estate.Customers)
        {
            CustomerIndex(model, customer.Id, customer.Name);
            foreach (var account in customer.Accounts)
            {
                AccountIndex(model, account);
            }
        }
        foreach (var account in result.Estate.PlatformAccounts)
        {
            AccountIndex(model, account);
        }
        foreach (var gap in result.Gaps)
        {
            AccountIndex(model, gap.AccountId);
        }
        model.Regions.AddRange(result.Estate.Regions);
        model.Families.AddRange(RuleHeader.Families);
        model.Families.AddRange(result.Evaluations.Keys.Order(StringComparer.Ordinal));
    }

    private static void AddRules(ReportModel model, ScanResult result)
    {
        foreach (var header in result.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (model.Rules.IndexOf(header.Id) < 0)
            {
                model.RuleSummaries.Add(new RuleSummary(model.Rules.Add(header.Id), header.Id, header, header.Severity));
            }
        }
    }

    private static int RuleIndex(ReportModel model, Finding finding)
    {
        var index = model.Rules.IndexOf(finding.RuleId);
        if (index < 0)
        {
            index = model.Rules.Add(finding.RuleId);
            model.RuleSummaries.Add(new RuleSummary(index, finding.RuleId, null, finding.Severity));
        }
        return index;
    }

    private static int AccountIndex(ReportModel model, string accountId)
    {
        var index = model.Accounts.IndexOf(accountId);
        if (index >= 0)
        {
            return index;
        }
        index = model.Accounts.Add(accountId);
        var estate = model.Result.Estate;
        var owner = estate.CustomerOf(accountId)?.Name ?? (estate.IsPlatform(accountId) ? PlatformOwner : UnknownOwner);
        model.AccountOwners.Add(owner);
        model.ByAccount.Add(new CountRow(accountId, owner, "account", index, new VerdictCounts()));
        return index;
    }

    private static int CustomerIndex(ReportModel model, string? customerId, string? name = null)
    {
        if (customerId is null)
        {
            return -1;
        }
        var index = model.Customers.IndexOf(customerId);
        if (index >= 0)
        {
            return index;
        }
        index = model.Customers.Add(customerId);
        model.CustomerNames.Add(name ?? customerId);
        model.ByCustomer.Add(new CountRow(name ?? customerId, customerId, "customer", index, new VerdictCounts()));
        return index;
    }
}
