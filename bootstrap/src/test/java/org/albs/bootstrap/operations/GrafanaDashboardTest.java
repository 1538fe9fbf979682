package org.albs.bootstrap.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dashboard in deploy/ loads as JSON and has a panel for each metric an operator needs. */
class GrafanaDashboardTest {
    @Test
    void theDashboardIsJsonWithAPanelPerMetric() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.read();

        assertThat(dashboard.title()).isNotBlank();
        assertThat(dashboard.panels()).allSatisfy(p -> {
            assertThat(p.title()).isNotBlank();
            assertThat(p.expressions()).isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
        });
        for (String metric : GrafanaDashboard.REQUIRED) {
            assertThat(dashboard.panels()).as("a panel shows %s", metric)
                    .anySatisfy(p -> assertThat(p.expressions()).anyMatch(e -> e.contains(metric)));
        }
        assertThat(dashboard.panels()).as("claim latency is the get_task requests' time")
                .anySatisfy(p -> assertThat(p.expressions())
                        .anyMatch(e -> e.contains("http_server_requests_seconds") && e.contains("get_task")));
    }
}
