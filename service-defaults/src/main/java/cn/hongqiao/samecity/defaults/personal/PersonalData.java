package cn.hongqiao.samecity.defaults.personal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.data.convert.ValueConverter;

/**
 * A field of sensitive personal information (个人信息保护法 第二十八条: ID numbers, medical and
 * financial data...) stored encrypted: in memory and in the API it is the plain value (masked by the
 * views as before); in the database it is a sealed document, its AEAD ciphertext under the service's
 * personal-data keys (Tink, AES-256-GCM) and, when {@link #searchable()}, a keyed blind index (HMAC-SHA256
 * of the normalised value) that equality look-ups match instead of the value. See
 * {@link PersonalDataKeys} for where keys come from and how they are rotated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.RECORD_COMPONENT })
@ValueConverter(SealedValues.class)
public @interface PersonalData {

    /** Whether look-ups by this value are needed (a blind index is stored beside it). */
    boolean searchable() default false;
}
