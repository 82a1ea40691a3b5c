package cn.emcc.command.serialization;

/**
 * Marker for everything that is persisted or crosses the cluster: bound to
 * Jackson CBOR in reference.conf, so Java serialization can stay off.
 */
public interface CborSerializable {
}
