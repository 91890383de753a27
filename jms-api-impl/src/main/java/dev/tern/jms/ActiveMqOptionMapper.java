package dev.tern.jms;

import dev.tern.jms.provider.FailoverSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the options of a URL written for ActiveMQ into Tern's, so that the URL can stay as it is. Each
 * option ends up in one of four places:
 *
 * <ul>
 *   <li><b>Mapped</b> to the Tern option with the same meaning:
 *     <table>
 *       <caption>ActiveMQ options with a Tern meaning</caption>
 *       <tr><th>ActiveMQ option</th><th>Tern option</th></tr>
 *       <tr><td>{@code jms.prefetchPolicy.queuePrefetch}, else {@code jms.prefetchPolicy.all}</td>
 *           <td>{@code jms.prefetch} (Tern has one window for every consumer)</td></tr>
 *       <tr><td>{@code jms.trustAllPackages=true}</td><td>{@code jms.trustedPackages=*}</td></tr>
 *       <tr><td>{@code broker.dataDirectory=DIR} on {@code vm://NAME}</td><td>{@code broker.dataDir=DIR/NAME}</td></tr>
 *       <tr><td>{@code verifyHostName}, {@code socket.verifyHostName} on {@code ssl://}</td><td>{@code jms.verifyHostName}</td></tr>
 *       <tr><td>{@code initialReconnectDelay}, {@code maxReconnectDelay} on {@code failover:}</td>
 *           <td>{@code failover.initialReconnectDelay}, {@code failover.maxReconnectDelay}</td></tr>
 *       <tr><td>{@code maxReconnectAttempts=N} on {@code failover:}</td><td>{@code failover.maxReconnectAttempts=N} times
 *           the number of brokers listed, since ActiveMQ counts rounds over the list and Tern single attempts; -1 stays -1</td></tr>
 *       <tr><td>{@code useExponentialBackOff=false} on {@code failover:}</td>
 *           <td>{@code failover.maxReconnectDelay} equal to the initial delay: a constant pause</td></tr>
 *       <tr><td>Artemis's {@code consumerWindowSize=0}</td><td>{@code jms.prefetch=0}</td></tr>
 *       <tr><td>Artemis's {@code clientID}</td><td>{@code jms.clientID}</td></tr>
 *     </table>
 *     A Tern option given in the same URL wins over a mapped one.</li>
 *   <li><b>Accepted silently</b> when the value asks for what Tern does anyway, such as
 *     {@code broker.useJmx=false}, {@code randomize=false} or {@code backOffMultiplier=2}.</li>
 *   <li><b>Ignored</b>, and reported in {@link Result#ignored()} for one warning per URL: every other option
 *     ActiveMQ documents, such as {@code jms.useAsyncSend}, {@code jms.redeliveryPolicy.*},
 *     {@code wireFormat.*}, {@code transport.*}, {@code socket.*}, {@code connectionTimeout},
 *     {@code broker.useJmx=true} or {@code randomize=true}. The names recognised are those of
 *     {@link ActiveMqOptionNames}.</li>
 *   <li><b>Passed on unchanged</b> otherwise: Tern's own options, and names that neither Tern nor ActiveMQ
 *     knows, which {@link BrokerUrl}, {@link ClientOptions} or the embedded broker then refuse. So a typo
 *     such as {@code jms.prefetc}, {@code broker.persistant} or {@code randomise} still fails loudly, while
 *     {@code jms.useAsyncSend} does not. A typo inside a family that Tern ignores whole (say
 *     {@code wireFormat.maxInactivityDuraton}) is ignored with the rest, and named in the warning.</li>
 * </ul>
 */
final class ActiveMqOptionMapper {

    /** What the URL points at; decides which bare options are ActiveMQ's. */
    enum Kind { VM, TCP, SSL, FAILOVER }

    /**
     * Options after mapping.
     *
     * @param options Tern options and unknown ones, by full name ({@code jms.prefetch}), in URL order
     * @param ignored full names of the ActiveMQ options Tern ignores
     */
    record Result(Map<String, String> options, List<String> ignored) {
    }

    /** Options whose value, in this spelling, asks for Tern's behaviour. */
    private static final Map<String, String> SAME_AS_TERN = Map.ofEntries(
            Map.entry("broker.useJmx", "false"),
            Map.entry("broker.useShutdownHook", "false"),
            Map.entry("broker.advisorySupport", "false"),
            Map.entry("broker.schedulerSupport", "false"),
            Map.entry("broker.deleteAllMessagesOnStartup", "false"),
            Map.entry("jms.trustAllPackages", "false"),
            Map.entry("jms.watchTopicAdvisories", "false"),
            Map.entry("create", "true"),
            Map.entry("randomize", "false"),
            Map.entry("useExponentialBackOff", "true"),
            Map.entry("backOffMultiplier", "2"));

    private final Kind kind;
    private final String brokerName;
    private final int failoverMembers;
    private final Map<String, String> explicit = new LinkedHashMap<>();
    private final Map<String, String> mapped = new LinkedHashMap<>();
    private final List<String> ignored = new ArrayList<>();
    private String prefetchAll;
    private String queuePrefetch;
    private boolean constantBackOff;

    private ActiveMqOptionMapper(Kind kind, String brokerName, int failoverMembers) {
        this.kind = kind;
        this.brokerName = brokerName;
        this.failoverMembers = failoverMembers;
    }

    /**
     * Maps a URL's options.
     *
     * @param brokerName the name after {@code vm://}; null for other URLs
     * @param failoverMembers how many brokers a {@code failover:} URL lists; 0 for other URLs
     * @param options the options as written, by full name, decoded
     */
    static Result map(Kind kind, String brokerName, int failoverMembers, Map<String, String> options) {
        ActiveMqOptionMapper mapper = new ActiveMqOptionMapper(kind, brokerName, failoverMembers);
        options.forEach(mapper::option);
        return mapper.result();
    }

    private void option(String name, String value) {
        if (isSameAsTern(name, value)) {
            return;
        }
        if (name.startsWith("jms.")) {
            clientOption(name, name.substring("jms.".length()), value);
        } else if (name.startsWith("broker.")) {
            brokerOption(name, name.substring("broker.".length()), value);
        } else if (name.startsWith("failover.")) {
            explicit.put(name, value);
        } else {
            bareOption(name, value);
        }
    }

    private void clientOption(String name, String key, String value) {
        if (key.startsWith("prefetchPolicy.")) {
            String policy = key.substring("prefetchPolicy.".length());
            if (!ActiveMqOptionNames.PREFETCH_POLICY.contains(policy)) {
                explicit.put(name, value); // a typo: ClientOptions refuses it
            } else if (policy.equals("all")) {
                prefetchAll = value;
            } else if (policy.equals("queuePrefetch")) {
                queuePrefetch = value;
            } else {
                ignored.add(name);
            }
        } else if (key.equals("trustAllPackages") && Boolean.parseBoolean(value)) {
            mapped.put("jms.trustedPackages", "*");
        } else if (ActiveMqOptionNames.CONNECTION_FACTORY.contains(key)
                || ActiveMqOptionNames.CONNECTION_FACTORY_FAMILIES.stream().anyMatch(key::startsWith)) {
            ignored.add(name);
        } else {
            explicit.put(name, value);
        }
    }

    private void brokerOption(String name, String key, String value) {
        if (kind != Kind.VM || !ActiveMqOptionNames.BROKER_SERVICE.contains(key)) {
            explicit.put(name, value);
        } else if (key.equals("dataDirectory")) {
            mapped.put("broker.dataDir", value + "/" + brokerName);
        } else {
            ignored.add(name);
        }
    }

    private void bareOption(String name, String value) {
        if (kind == Kind.SSL && (name.equals("verifyHostName") || name.equals("socket.verifyHostName"))) {
            mapped.put("jms.verifyHostName", value);
        } else if (ActiveMqOptionNames.TRANSPORT_FAMILIES.stream().anyMatch(name::startsWith)) {
            ignored.add(name);
        } else if (kind == Kind.VM) {
            vmTransportOption(name, value);
        } else if (kind == Kind.FAILOVER && ActiveMqOptionNames.FAILOVER_TRANSPORT.contains(name)) {
            failoverTransportOption(name, value);
        } else if (kind != Kind.FAILOVER && ActiveMqOptionNames.TCP_TRANSPORT.contains(name)) {
            ignored.add(name);
        } else if (ActiveMqOptionNames.ARTEMIS_CONNECTION_FACTORY.contains(name)) {
            artemisOption(name, value);
        } else if (name.equals("clientID")) {
            mapped.put("jms.clientID", value);
        } else {
            explicit.put(name, value); // BrokerUrl refuses it
        }
    }

    private void vmTransportOption(String name, String value) {
        if (ActiveMqOptionNames.VM_TRANSPORT.contains(name)) {
            ignored.add(name);
        } else if (name.equals("clientID")) {
            mapped.put("jms.clientID", value);
        } else {
            explicit.put(name, value);
        }
    }

    private void failoverTransportOption(String name, String value) {
        switch (name) {
            case "initialReconnectDelay", "maxReconnectDelay" -> mapped.put("failover." + name, value);
            case "maxReconnectAttempts" -> mapped.put("failover.maxReconnectAttempts", reconnectAttempts(value));
            case "useExponentialBackOff" -> constantBackOff = value.equalsIgnoreCase("false");
            default -> ignored.add(name);
        }
    }

    private void artemisOption(String name, String value) {
        if (name.equals("consumerWindowSize") && value.equals("0")) {
            mapped.put("jms.prefetch", "0");
        } else {
            ignored.add(name);
        }
    }

    /** ActiveMQ counts rounds over the broker list, Tern single attempts. */
    private String reconnectAttempts(String value) {
        try {
            long rounds = Long.parseLong(value);
            return rounds < 0 ? "-1" : Long.toString(Math.min(Integer.MAX_VALUE, rounds * Math.max(1, failoverMembers)));
        } catch (NumberFormatException e) {
            return value; // FailoverSettings reports it
        }
    }

    private Result result() {
        String prefetch = queuePrefetch != null ? queuePrefetch : prefetchAll;
        if (prefetch != null) {
            mapped.putIfAbsent("jms.prefetch", prefetch);
        }
        if (queuePrefetch != null && prefetchAll != null) {
            ignored.add("jms.prefetchPolicy.all");
        }
        if (constantBackOff) {
            String initial = explicit.getOrDefault("failover.initialReconnectDelay",
                    mapped.getOrDefault("failover.initialReconnectDelay",
                            Long.toString(FailoverSettings.defaults().initialReconnectDelayMillis())));
            mapped.put("failover.maxReconnectDelay", initial);
        }
        Map<String, String> options = new LinkedHashMap<>(explicit);
        mapped.forEach(options::putIfAbsent);
        return new Result(options, List.copyOf(ignored));
    }

    private static boolean isSameAsTern(String name, String value) {
        String ternValue = SAME_AS_TERN.get(name);
        if (ternValue == null) {
            return false;
        }
        if (ternValue.equalsIgnoreCase(value)) {
            return true;
        }
        try {
            return Double.parseDouble(ternValue) == Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
