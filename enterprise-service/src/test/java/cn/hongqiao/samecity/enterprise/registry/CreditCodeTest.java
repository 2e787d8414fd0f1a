package cn.hongqiao.samecity.enterprise.registry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** GB 32100-2015: 18 characters from the 31-character set, the last a check character. */
class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = { "91350100M000100Y43", "911100001000128855", "91120000103071899G", "12100000400002259P" })
    void acceptsCodesWhoseCheckCharacterIsRight(String code) {
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100M000100Y44", // wrong check character
            "91350100M000100Y4", // 17 characters
            "91350100M000100Y433", // 19 characters
            "91350100I000100Y43", // I is not in the set
            "91350100m000100y43", // lower case
            "" })
    void refusesEverythingElse(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "91350100M000100Y4", "12100000400002259" })
    void theCheckCharacterIsComputedFromTheFirstSeventeen(String first17) {
        assertThat(CreditCode.isValid(first17 + CreditCode.checkCharacter(first17))).isTrue();
    }
}
