namespace Ocado.Guardrails.Scanner.Store;

/// <summary>Notification deliveries: claimed once per (scan, channel), then marked delivered or failed.</summary>
internal abstract partial class SqlFindingsStore
{
    public async Task<bool> ClaimDeliveryAsync(string scanId, string channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // The primary key decides between two Finish jobs racing: one insert wins, the other changes nothing.
        return await Db.ExecuteAsync(connection, null,
            """
            INSERT INTO gr_deliveries (scan_id, channel, status, claimed_at) VALUES (@id, @channel, @status, @at)
            ON CONFLICT (scan_id, channel) DO NOTHING
            """, cancellationToken, ("@id", scanId), ("@channel", channel), ("@status", Delivery.Claimed), ("@at", Db.Millis(at))) == 1;
    }

    public async Task FinishDeliveryAsync(string scanId, string channel, bool delivered, int attempts, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await Db.ExecuteAsync(connection, null,
            "UPDATE gr_deliveries SET status = @status, attempts = @attempts, error = @error WHERE scan_id = @id AND channel = @channel",
            cancellationToken, ("@id", scanId), ("@channel", channel), ("@status", delivered ? Delivery.Delivered : Delivery.Failed),
            ("@attempts", attempts), ("@error", error));
    }

    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(string scanId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, null,
            "SELECT scan_id, channel, status, attempts, error, claimed_at FROM gr_deliveries WHERE scan_id = @id ORDER BY channel", ("@id", scanId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deliveries = new List<Delivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new Delivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), Db.Text(reader, 4), Db.Time(reader.GetInt64(5))));
        }
        return deliveries;
    }
}
