package org.albs.bootstrap.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.albs.adapter.out.alts.AltsSettings;
import org.albs.adapter.out.alts.AltsTestSystem;
import org.albs.application.port.out.AbstractTestSystemContractTest;
import org.albs.application.port.out.TestSystem;
import org.albs.bootstrap.support.AltsStub;
import org.junit.jupiter.api.BeforeEach;

/** The ALTS adapter against the suite's fake ALTS scheduler: the same contract as the in-memory test system. */
class AltsTestSystemContractTest extends AbstractTestSystemContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AltsStub alts = AltsStub.shared();
    private final TestSystem system = new AltsTestSystem(new AltsSettings(alts.baseUrl(), AltsStub.TOKEN,
            Duration.ofSeconds(1), 1, Duration.ofMillis(10)));

    @BeforeEach
    void fresh() {
        alts.accepting();
    }

    @Override
    protected TestSystem system() {
        return system;
    }

    @Override
    protected void accepting() {
        alts.accepting();
    }

    @Override
    protected void down() {
        alts.down();
    }

    @Override
    protected List<List<Long>> confirmed() {
        List<List<Long>> ids = new ArrayList<>();
        alts.cancels().forEach(r -> {
            try {
                List<Long> one = new ArrayList<>();
                JsonNode body = JSON.readTree(r.getBodyAsString());
                body.path("bs_task_ids").forEach(n -> one.add(n.asLong()));
                ids.add(one);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return ids;
    }
}
