package cn.emcc.protocols.validation;

/** Validates one kind of payload, adding what is wrong under the given field path. */
interface PayloadValidator<T> {

    void validate(T payload, String path, Violations violations);
}
