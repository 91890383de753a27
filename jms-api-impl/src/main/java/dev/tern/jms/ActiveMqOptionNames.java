package dev.tern.jms;

import java.util.List;
import java.util.Set;

/**
 * The URL options ActiveMQ Classic (and, for bare transport options, ActiveMQ Artemis) documents, by
 * family, as far as {@link ActiveMqOptionMapper} needs to tell them from typos. Only names: what Tern
 * makes of them is the mapper's job.
 */
final class ActiveMqOptionNames {

    /** {@code jms.*}: properties of Classic's ActiveMQConnectionFactory, without the prefix. */
    static final Set<String> CONNECTION_FACTORY = Set.of(
            "alwaysSessionAsync", "alwaysSyncSend", "auditDepth", "auditMaximumProducerNumber", "checkForDuplicates",
            "clientIDPrefix", "closeTimeout", "connectionIDPrefix", "connectResponseTimeout",
            "consumerExpiryCheckEnabled", "consumerFailoverRedeliveryWaitPeriod", "copyMessageOnSend",
            "disableTimeStampsByDefault", "dispatchAsync", "exclusiveConsumer", "maxThreadPoolSize",
            "messagePrioritySupported", "nestedMapAndListEnabled", "nonBlockingRedelivery",
            "objectMessageSerializationDefered", "optimizeAcknowledge", "optimizeAcknowledgeTimeOut",
            "optimizedAckScheduledAckInterval", "optimizedMessageDispatch", "password", "producerWindowSize",
            "rmIdFromConnectionId", "sendAcksAsync", "sendTimeout", "statsEnabled", "transactedIndividualAck",
            "trustAllPackages", "useAsyncSend", "useBeanNameAsClientIdPrefix", "useCompression",
            "useDedicatedTaskRunner", "useRetroactiveConsumer", "userName", "warnAboutUnstartedConnectionTimeout",
            "watchTopicAdvisories");

    /** {@code jms.prefetchPolicy.*}, without the prefix. */
    static final Set<String> PREFETCH_POLICY = Set.of("all", "queuePrefetch", "topicPrefetch", "durableTopicPrefetch",
            "queueBrowserPrefetch", "optimizeDurableTopicPrefetch", "maximumPendingMessageLimit");

    /** {@code jms.*} sub-families taken whole: every name in them is ActiveMQ's. */
    static final List<String> CONNECTION_FACTORY_FAMILIES = List.of("redeliveryPolicy.", "blobTransferPolicy.");

    /** {@code broker.*} on {@code vm://}: properties of Classic's BrokerService, without the prefix. */
    static final Set<String> BROKER_SERVICE = Set.of(
            "advisorySupport", "allowTempAutoCreationOnSend", "anonymousProducerAdvisorySupport", "brokerName",
            "cacheTempDestinations", "consumerSystemUsagePortion", "dataDirectory", "dedicatedTaskRunner",
            "deleteAllMessagesOnStartup", "enableStatistics", "keepDurableSubsActive", "maxPurgedDestinationsPerSweep",
            "monitorConnectionSplits", "networkConnectorStartAsync", "offlineDurableSubscriberTaskSchedule",
            "offlineDurableSubscriberTimeout", "persistenceThreadPriority", "populateJMSXUserID",
            "producerSystemUsagePortion", "rejectDurableConsumers", "restartAllowed", "schedulePeriodForDestinationPurge",
            "schedulerSupport", "splitSystemUsageForProducersConsumers", "start", "systemExitOnShutdown",
            "timeBeforePurgeTempDestinations", "tmpDataDirectory", "useAuthenticatedPrincipalForJMSXUserID", "useJmx",
            "useLocalHostBrokerName", "useMirroredQueues", "useShutdownHook", "useTempMirroredQueues", "useVirtualTopics");

    /** Bare options of Classic's {@code vm://} transport. */
    static final Set<String> VM_TRANSPORT = Set.of("async", "brokerConfig", "create", "marshal", "waitForStart");

    /** Bare options of Classic's {@code tcp://} and {@code ssl://} transports. */
    static final Set<String> TCP_TRANSPORT = Set.of(
            "closeAsync", "connectionTimeout", "daemon", "diffServ", "dynamicManagement", "ioBufferSize", "jmxPort",
            "keepAlive", "localAddress", "logWriterName", "maximumConnections", "minmumWireFormatVersion",
            "soLinger", "soTimeout", "soWriteTimeout", "socketBufferSize", "startLogging", "tcpNoDelay",
            "threadName", "trace", "typeOfService", "useInactivityMonitor", "useKeepAlive", "useLocalHost",
            "verifyHostName", "wireFormat");

    /** Bare options of Classic's {@code failover:} transport. */
    static final Set<String> FAILOVER_TRANSPORT = Set.of(
            "backOffMultiplier", "backup", "backupPoolSize", "initialReconnectDelay", "maxCacheSize",
            "maxPullCacheSize", "maxReconnectAttempts", "maxReconnectDelay", "priorityBackup", "priorityURIs",
            "randomize", "rebalanceUpdateURIs", "reconnectSupported", "startupMaxReconnectAttempts", "timeout",
            "trackMessages", "trackTransactionProducers", "updateURIsSupported", "updateURIsURL",
            "useExponentialBackOff", "warnAfterReconnectAttempts");

    /**
     * Bare options of Artemis's connection factory URLs ({@code tcp://host:61616?ha=true&...}). Not
     * {@code user}, {@code password} or {@code sslEnabled}: dropping those would fail later and less clearly.
     */
    static final Set<String> ARTEMIS_CONNECTION_FACTORY = Set.of(
            "autoGroup", "blockOnAcknowledge", "blockOnDurableSend", "blockOnNonDurableSend", "cacheDestinations",
            "cacheLargeMessagesClient", "callFailoverTimeout", "callTimeout", "clientFailureCheckPeriod",
            "compressLargeMessage", "confirmationWindowSize", "connectionTTL", "consumerMaxRate", "consumerWindowSize",
            "dupsOKBatchSize", "enableSharedClientID", "groupID", "ha", "initialConnectAttempts", "maxRetryInterval",
            "minLargeMessageSize", "preAcknowledge", "producerMaxRate", "producerWindowSize", "reconnectAttempts",
            "retryInterval", "retryIntervalMultiplier", "scheduledThreadPoolMaxSize", "threadPoolMaxSize",
            "transactionBatchSize", "useGlobalPools", "useTopologyForLoadBalancing");

    /** Prefixes of bare option families Tern has no options in, so every name in them is ActiveMQ's. */
    static final List<String> TRANSPORT_FAMILIES = List.of("wireFormat.", "transport.", "socket.", "nested.");

    private ActiveMqOptionNames() {
    }
}
