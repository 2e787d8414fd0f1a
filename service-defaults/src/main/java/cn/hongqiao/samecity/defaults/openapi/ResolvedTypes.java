package cn.hongqiao.samecity.defaults.openapi;

import java.lang.reflect.Type;

/** What the model converters need to know of the type swagger resolves. */
final class ResolvedTypes {

    private ResolvedTypes() {
    }

    /** The class swagger is resolving ({@code type} is a class or Jackson 2's JavaType), or null. */
    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> cls) {
            return cls;
        }
        if (type instanceof com.fasterxml.jackson.databind.JavaType javaType) {
            return javaType.getRawClass();
        }
        return null;
    }
}
