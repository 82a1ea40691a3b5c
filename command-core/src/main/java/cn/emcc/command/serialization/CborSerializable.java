package cn.emcc.command.serialization;

/**
 * Marker for every message and persisted value of command-core that is serialized with
 * Jackson CBOR (bound in serialization.conf). Commands, events and entity state
 * implement it; Java serialization is switched off, so anything crossing a node or
 * entering the journal without it (or another explicit binding) fails loudly.
 */
public interface CborSerializable {
}
