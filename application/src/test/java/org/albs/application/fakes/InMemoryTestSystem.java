package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.List;

import org.albs.application.port.out.TestSystem;
import org.albs.application.port.out.TestSystemException;

/** The test system in memory: records the cancellations it is asked for; can be down or refuse. */
public final class InMemoryTestSystem implements TestSystem {
    private final List<List<Long>> cancels = new ArrayList<>();
    private boolean down;
    private boolean refusing;

    @Override
    public synchronized void cancel(List<Long> testTaskIds) {
        if (down) {
            throw new TestSystemException("the test system did not answer", true);
        }
        if (refusing) {
            throw new TestSystemException("the test system refused", false);
        }
        cancels.add(List.copyOf(testTaskIds));
    }

    public synchronized void down(boolean isDown) {
        this.down = isDown;
    }

    public synchronized void refusing(boolean isRefusing) {
        this.refusing = isRefusing;
    }

    public synchronized List<List<Long>> cancels() {
        return List.copyOf(cancels);
    }
}
