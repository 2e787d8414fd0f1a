package cn.hongqiao.samecity.publicservices.applications;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Who applies: a citizen (ID type and number) or an enterprise (credit code). The ID number is
 * kept for handling but never shown whole: see {@link #masked()}.
 */
public record Applicant(@NotNull Kind kind, @NotBlank @Size(max = 40) String name, IdType idType,
        @Size(max = 30) String idNumber, @Size(max = 18) String creditCode) {

    public enum Kind { CITIZEN, ENTERPRISE }

    public enum IdType { RESIDENT_ID, PASSPORT, HK_MACAO_PERMIT, TAIWAN_PERMIT }

    /** The same applicant with the ID number masked: first 4 and last 4 characters kept. */
    public Applicant masked() {
        return new Applicant(kind, name, idType, mask(idNumber), creditCode);
    }

    static String mask(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() <= 8) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "Applicant[" + kind + ", " + name + ", " + idType + ", " + mask(idNumber) + ", " + creditCode + "]";
    }
}
