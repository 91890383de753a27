package dev.tern.protocol.wire;

/**
 * The {@code tcp://} wire format: a handshake, then length-prefixed frames, all integers big-endian.
 *
 * <p>Each side starts by sending a {@link Hello}, before any frame:
 * <table>
 *   <caption>Hello (12 bytes, both directions)</caption>
 *   <tr><th>field</th><th>encoding</th></tr>
 *   <tr><td>magic</td><td>4 bytes, ASCII {@code TERN} (0x5445524E)</td></tr>
 *   <tr><td>protocol version</td><td>4-byte int, currently {@value #VERSION}</td></tr>
 *   <tr><td>idle timeout</td><td>4-byte int, milliseconds after which the sender closes a silent peer;
 *       the receiver sends a heartbeat when it has written nothing for a third of it. 0: never closes.
 *       Both sides treat a value from 1 to {@value #MIN_IDLE_TIMEOUT_MILLIS} as {@value #MIN_IDLE_TIMEOUT_MILLIS}
 *       (so at most three heartbeats a second), for the peer's hello and their own</td></tr>
 * </table>
 * The client speaks first; the broker answers with its own hello. A broker that does not speak the
 * client's version answers with its hello and a {@code ConnectionClosed} frame naming both versions,
 * then closes. Bytes that do not start with the magic close the connection without an answer.
 *
 * <table>
 *   <caption>Frame layout</caption>
 *   <tr><th>field</th><th>encoding</th></tr>
 *   <tr><td>length</td><td>4-byte int: the bytes that follow (type and fields), 1 to the maximum frame size</td></tr>
 *   <tr><td>type</td><td>1 byte, from the table below</td></tr>
 *   <tr><td>fields</td><td>the fields of that type, in the order listed; nothing may follow them</td></tr>
 * </table>
 * The maximum frame size is {@value #DEFAULT_MAX_FRAME_SIZE} bytes (16 MiB) unless configured; a frame
 * that claims more, a frame type the receiver does not know, or fields that do not fill the frame
 * exactly close the connection; the reason, logged by the side that closes, names the frame type and the
 * field at fault by the names in the table below, with dots for fields inside a field: {@code frame of
 * type 5 (CreateConsumer) ends before its field 'credit'}, {@code ... has an invalid field
 * 'spec.replayFrom': ...}. Frames to the client may exceed the maximum by
 * {@value #EVENT_HEADROOM} bytes, so that a message accepted in a Send frame always fits in the
 * Deliver frame that carries it on. An answer that does not fit (a Browsed of a long queue) is
 * replaced by a Failed answer with code RESOURCE_ALLOCATION; the connection stays open.
 *
 * <p>The broker reads a Send's message within its {@link dev.tern.protocol.MessageLimits} (properties,
 * bytes of headers and properties, bytes of body). A Send beyond them is not decoded past the limit it
 * breaks: it is answered with a Failed of code RESOURCE_ALLOCATION naming the limit and the broker
 * setting ({@code The message has 100000 properties, more than this broker's maxMessageProperties of
 * 4096.}), and the connection stays open, since the frame's length lets the broker skip the rest. The
 * broker also bounds the bytes of frames being received over all its sockets at once
 * ({@link FrameBudget}); a socket whose next frame would exceed that budget is not read, so TCP holds
 * its peer back, until frames of other sockets are decoded.
 *
 * <p>Field encodings: <i>long</i> 8 bytes, <i>int</i> 4 bytes, <i>byte</i> 1 byte; <i>string</i> as in
 * {@link dev.tern.protocol.TypedValueCodec#writeString} (length -1 for null); <i>ids</i> a 4-byte count
 * then that many longs; <i>enum</i> 1 byte, the constant's ordinal; <i>destination</i> a
 * {@link dev.tern.protocol.DestinationType} enum then a string name; <i>message</i> a
 * {@link dev.tern.protocol.MessageCodec} record; <i>spec</i> a destination, a selector string, a flags
 * byte (bit 0 noLocal, bit 1 durable, bit 2 shared, bit 3 exclusive, bit 4 replay) and a subscription name
 * string, followed, only if bit 4 is set, by a replayFrom string in the form {@link dev.tern.protocol.ReplayFrom}
 * reads; <i>branch</i> an XA branch ID: int formatId, then the global transaction ID and the branch
 * qualifier, each a 4-byte length (0 to 64) and that many bytes.
 *
 * <table>
 *   <caption>Frame types</caption>
 *   <tr><th>type</th><th>frame</th><th>direction</th><th>fields</th></tr>
 *   <tr><td>0</td><td>Heartbeat</td><td>both</td><td>none</td></tr>
 *   <tr><td>1</td><td>OpenConnection</td><td>to broker</td><td>long requestId, string clientId, string user, string password</td></tr>
 *   <tr><td>2</td><td>SetClientId</td><td>to broker</td><td>long requestId, string clientId</td></tr>
 *   <tr><td>3</td><td>CreateSession</td><td>to broker</td><td>long requestId, long sessionId, enum AckMode</td></tr>
 *   <tr><td>4</td><td>CloseSession</td><td>to broker</td><td>long requestId, long sessionId, ids consumed</td></tr>
 *   <tr><td>5</td><td>CreateConsumer</td><td>to broker</td><td>long requestId, long sessionId, long consumerId, spec, int credit</td></tr>
 *   <tr><td>6</td><td>CloseConsumer</td><td>to broker</td><td>long requestId, long sessionId, long consumerId, ids kept</td></tr>
 *   <tr><td>7</td><td>Send</td><td>to broker</td><td>long requestId, long sessionId, message</td></tr>
 *   <tr><td>8</td><td>Acknowledge</td><td>to broker</td><td>long requestId, long sessionId, ids deliveryIds</td></tr>
 *   <tr><td>9</td><td>Commit</td><td>to broker</td><td>long requestId, long sessionId, ids consumed</td></tr>
 *   <tr><td>10</td><td>Recover</td><td>to broker</td><td>long requestId, long sessionId, ids consumed</td></tr>
 *   <tr><td>11</td><td>GrantCredit</td><td>to broker</td><td>long requestId, long sessionId, long consumerId, int credit (negative takes credit back)</td></tr>
 *   <tr><td>12</td><td>Browse</td><td>to broker</td><td>long requestId, destination queue, string selector, int limit</td></tr>
 *   <tr><td>13</td><td>Unsubscribe</td><td>to broker</td><td>long requestId, string subscriptionName</td></tr>
 *   <tr><td>14</td><td>CreateTemporaryDestination</td><td>to broker</td><td>long requestId, destination</td></tr>
 *   <tr><td>15</td><td>DeleteTemporaryDestination</td><td>to broker</td><td>long requestId, destination</td></tr>
 *   <tr><td>16</td><td>CloseConnection</td><td>to broker</td><td>long requestId</td></tr>
 *   <tr><td>17</td><td>QueryStatistics</td><td>to broker</td><td>long requestId</td></tr>
 *   <tr><td>18</td><td>Pull</td><td>to broker</td><td>long requestId, long sessionId, long consumerId</td></tr>
 *   <tr><td>19</td><td>RetryDeadLetters</td><td>to broker</td><td>long requestId, string queue, string selector</td></tr>
 *   <tr><td>20</td><td>SetPolicy</td><td>to broker</td><td>long requestId, string pattern, string setting, string value</td></tr>
 *   <tr><td>21</td><td>ListPolicies</td><td>to broker</td><td>long requestId</td></tr>
 *   <tr><td>22</td><td>StartDelivery</td><td>to broker</td><td>long requestId</td></tr>
 *   <tr><td>23</td><td>StopDelivery</td><td>to broker</td><td>long requestId, ids consumed</td></tr>
 *   <tr><td>24</td><td>XaStart</td><td>to broker</td><td>long requestId, long sessionId, branch, int flags, int timeoutSeconds</td></tr>
 *   <tr><td>25</td><td>XaEnd</td><td>to broker</td><td>long requestId, long sessionId, branch, int flags, ids consumed</td></tr>
 *   <tr><td>26</td><td>XaPrepare</td><td>to broker</td><td>long requestId, branch</td></tr>
 *   <tr><td>27</td><td>XaCommit</td><td>to broker</td><td>long requestId, branch, byte onePhase (0/1)</td></tr>
 *   <tr><td>28</td><td>XaRollback</td><td>to broker</td><td>long requestId, branch</td></tr>
 *   <tr><td>29</td><td>XaForget</td><td>to broker</td><td>long requestId, branch</td></tr>
 *   <tr><td>30</td><td>XaRecover</td><td>to broker</td><td>long requestId</td></tr>
 *   <tr><td>31</td><td>XaDecide</td><td>to broker</td><td>long requestId, branch, byte commit (0/1)</td></tr>
 *   <tr><td>32</td><td>Release</td><td>to broker</td><td>long requestId, long sessionId, ids deliveryIds, byte failed (0/1)</td></tr>
 *   <tr><td>33</td><td>ManageQueue</td><td>to broker</td><td>long requestId, string queue, enum QueueAction,
 *       string selector, string target</td></tr>
 *   <tr><td>34</td><td>Backup</td><td>to broker</td><td>long requestId, string path</td></tr>
 *   <tr><td>35</td><td>ListConnections</td><td>to broker</td><td>long requestId</td></tr>
 *   <tr><td>64</td><td>Ok</td><td>to client</td><td>long requestId</td></tr>
 *   <tr><td>65</td><td>Failed</td><td>to client</td><td>long requestId, enum ErrorCode, string message</td></tr>
 *   <tr><td>66</td><td>SessionRecovered</td><td>to client</td><td>long requestId, long sessionId</td></tr>
 *   <tr><td>67</td><td>Browsed</td><td>to client</td><td>long requestId, int count, then count times the Deliver fields</td></tr>
 *   <tr><td>68</td><td>Deliver</td><td>to client</td><td>long consumerId, long deliveryId, int deliveryCount, message</td></tr>
 *   <tr><td>69</td><td>ConnectionClosed</td><td>to client</td><td>enum ErrorCode, string message</td></tr>
 *   <tr><td>70</td><td>Statistics</td><td>to client</td><td>long requestId, int count, then count times: string
 *       name, string address, byte subscription (0/1), byte paused (0/1), long messageCount, long inFlightCount,
 *       long pagedCount, int consumerCount, long enqueuedCount, long dispatchedCount, long dequeuedCount,
 *       long expiredCount, long deadLetteredCount</td></tr>
 *   <tr><td>71</td><td>Counted</td><td>to client</td><td>long requestId, int count</td></tr>
 *   <tr><td>72</td><td>Policies</td><td>to client</td><td>long requestId, int count, then count times: string
 *       pattern (null for a default), string setting, string value</td></tr>
 *   <tr><td>73</td><td>DeliveryRevoked</td><td>to client</td><td>long consumerId, long deliveryId</td></tr>
 *   <tr><td>74</td><td>XaAnswer</td><td>to client</td><td>long requestId, int code (XA_OK, XA_RDONLY or an
 *       XAException error code), string message</td></tr>
 *   <tr><td>75</td><td>XaBranches</td><td>to client</td><td>long requestId, int count, then count times a branch</td></tr>
 *   <tr><td>76</td><td>Connections</td><td>to client</td><td>long requestId, int count, then count times: long id,
 *       string clientId, string user, string from, int sessions</td></tr>
 * </table>
 */
public final class WireFormat {

    /** ASCII {@code TERN}. */
    public static final int MAGIC = 0x5445524E;
    /** The protocol version this code speaks. */
    public static final int VERSION = 5;
    /** Bytes of a {@link Hello}. */
    public static final int HELLO_SIZE = 12;
    /**
     * The shortest idle timeout either side acts on, in milliseconds: a shorter one, in a hello or in the
     * side's own settings, is treated as this, so that no peer can ask for more than three heartbeats a second.
     */
    public static final int MIN_IDLE_TIMEOUT_MILLIS = 1_000;
    /** Bytes of a frame's length field. */
    public static final int LENGTH_SIZE = 4;
    /** 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

    /** Bytes by which a frame to the client may exceed the maximum frame size. */
    public static final int EVENT_HEADROOM = 64;

    static final int HEARTBEAT = 0;

    private WireFormat() {
    }
}
