package dev.tern.broker.policy;

import dev.tern.protocol.PolicyEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The destination policies as administration tools see them: configured entries, then every default. */
public final class PolicyReport {

    private PolicyReport() {
    }

    /** The configured settings, most general pattern first, followed by each setting's default. */
    public static List<PolicyEntry> of(AddressPolicies policies) {
        List<PolicyEntry> entries = new ArrayList<>();
        for (Map.Entry<String, String> configured : policies.describe().entrySet()) {
            String key = configured.getKey();
            int dot = key.lastIndexOf('.');
            entries.add(new PolicyEntry(key.substring(0, dot), key.substring(dot + 1), configured.getValue()));
        }
        for (PolicySetting<?> setting : PolicySettings.all()) {
            entries.add(new PolicyEntry(null, setting.name(), String.valueOf(setting.defaultValue())));
        }
        return entries;
    }
}
