package io.flashstation.usb.libusb;

/** Joining the bus's own threads during shutdown, which must finish even if the closing thread is interrupted. */
final class Threads {

    private Threads() {
    }

    /** Waits for {@code thread} to end; an interrupt is remembered and restored rather than cutting the wait short. */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
