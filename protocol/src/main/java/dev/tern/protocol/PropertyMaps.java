package dev.tern.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** Equality of property maps whose values may be byte arrays. */
final class PropertyMaps {

    private PropertyMaps() {
    }

    static boolean equal(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                return false;
            }
            Object other = b.get(e.getKey());
            if (e.getValue() instanceof byte[] bytes) {
                if (!(other instanceof byte[] otherBytes) || !Arrays.equals(bytes, otherBytes)) {
                    return false;
                }
            } else if (!Objects.equals(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
