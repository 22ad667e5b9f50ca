package io.brokerpolicy.api.dto;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account snapshot as POST /evaluations reads it (documented here; the intake reads the JSON itself). */
@Schema(name = "Snapshot", description = "An account at one moment: balance and open positions. Money, prices and"
        + " quantities are decimal strings (JSON numbers are accepted too). snapshotId is the idempotency key.")
public class Snapshot {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}";
    static final String DECIMAL = "Decimal number as a string, e.g. \"1000.00\" (a JSON number is accepted too)";

    @Schema(required = true, pattern = ID, examples = "snap-0001")
    public String snapshotId;
    @Schema(required = true, pattern = ID, examples = "A-1042")
    public String accountId;
    @Schema(required = true, pattern = ID, description = "The broker whose policy applies", examples = "acme-fx")
    public String brokerId;
    @Schema(required = true, pattern = ID, examples = "standard")
    public String accountType;
    @Schema(pattern = ID, description = "KYC tier, for exchange policies with tiers (NONE, BASIC, FULL)")
    public String kycTier;
    @Schema(required = true, pattern = "[A-Z]{2,3}", description = "Region or ISO 3166 country code: EU, UK, AU, US and JP"
            + " have regulator presets", examples = "EU")
    public String jurisdiction;
    @Schema(required = true, enumeration = {"RETAIL", "PROFESSIONAL"})
    public String clientCategory;
    @Schema(required = true, pattern = "[A-Z][A-Z0-9]{2,5}", description = "ISO 4217 or asset code", examples = "USD")
    public String currency;
    public Instant accountOpenedAt;
    @Schema(required = true, description = "When the snapshot was taken (UTC); not in the future")
    public Instant asOf;
    @Schema(required = true, type = SchemaType.STRING, description = DECIMAL, examples = "1000.00")
    public String balance;
    @Schema(required = true, description = "The open positions; an empty list when none is open")
    public List<SnapshotPosition> positions;
}
