namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The envelope of one AWS Config configuration item (its configuration is written by the generator).</summary>
internal readonly record struct ConfigItem(
    string Type, string Id, string? Name, string Arn, string Region, string AvailabilityZone, DateTimeOffset Created);

/// <summary>One entry of a configuration item's relationships, as Config writes it.</summary>
internal readonly record struct ConfigRelation(string Type, string? Id, string? Name, string RelationshipName);
