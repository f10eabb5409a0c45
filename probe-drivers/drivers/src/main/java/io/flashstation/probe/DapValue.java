package io.flashstation.probe;

/** The result of a queued register read, available once its batch has run. */
public final class DapValue {

    private boolean filled;
    private int value;

    /** Sets the value; called by the driver when the read completed. */
    public void fill(int newValue) {
        value = newValue;
        filled = true;
    }

    /** The value read; throws when the batch has not run (or stopped before this read). */
    public int get() {
        if (!filled) {
            throw new IllegalStateException("the read has not completed: its batch has not run or stopped earlier");
        }
        return value;
    }
}
