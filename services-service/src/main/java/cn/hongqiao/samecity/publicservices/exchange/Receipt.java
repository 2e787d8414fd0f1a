package cn.hongqiao.samecity.publicservices.exchange;

/**
 * The receiver's acknowledgement of one message: {@code APPLIED} (new, and applied), or
 * {@code DUPLICATE} (seen before: nothing changed). Either way the sender marks it delivered.
 */
public record Receipt(String correlationId, int sequence, Status status) {

    public enum Status {
        APPLIED, DUPLICATE
    }
}
