package org.albs.bootstrap.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** deploy/grafana/albs-dashboard.json, read as JSON: its panels and the metrics their queries name. */
public final class GrafanaDashboard {
    /** The metrics an operator needs (issue 19), each of which must have a panel. */
    public static final List<String> REQUIRED = List.of(
            "albs_tasks_waiting", "albs_tasks_in_flight",
            "http_server_requests_seconds_sum", // claim latency: the get_task requests
            "albs_task_events_total", // lease expiries, reclaims, failures by reason
            "albs_store_jobs_open", "albs_store_job_oldest_seconds",
            "albs_store_call_seconds_sum", "albs_store_calls_total",
            "albs_builds_created_total");

    private static final Pattern METRIC = Pattern.compile("\\b((?:albs|http_server|jvm)_[a-z0-9_]+)\\b");

    public record Panel(String title, List<String> expressions) {
    }

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    public static GrafanaDashboard read() throws IOException {
        Path file = DeployManifests.ofRepository().deploy.resolve("grafana/albs-dashboard.json");
        return new GrafanaDashboard(new ObjectMapper().readTree(Files.readString(file)));
    }

    public String title() {
        return root.path("title").asText();
    }

    public List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        for (JsonNode p : root.path("panels")) {
            List<String> exprs = new ArrayList<>();
            p.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            panels.add(new Panel(p.path("title").asText(), exprs));
        }
        return panels;
    }

    /** Every metric name the panels' queries use. */
    public Set<String> metrics() {
        Set<String> names = new TreeSet<>();
        for (Panel p : panels()) {
            for (String e : p.expressions()) {
                Matcher m = METRIC.matcher(e);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
