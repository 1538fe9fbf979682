package org.albs.adapter.out.pulp;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.albs.application.port.out.ArtifactStoreException;

/**
 * A Pulp href, e.g. {@code /pulp/api/v3/content/rpm/packages/<uuid>/} or {@code /pulp/api/v3/tasks/<uuid>/}, split
 * into its segments below {@code /pulp/api/v3/}. A full URL is accepted too (its path is used).
 */
record Href(List<String> segments) {
    static final String API = "/pulp/api/v3/";

    static Href parse(String href) {
        String path = href == null ? "" : href;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            path = URI.create(path).getPath();
        }
        if (!path.startsWith(API)) {
            throw new ArtifactStoreException("not a Pulp href: " + href, false);
        }
        List<String> segments = Arrays.stream(path.substring(API.length()).split("/"))
                .filter(s -> !s.isEmpty()).toList();
        boolean task = segments.size() == 2 && segments.get(0).equals("tasks");
        if (!task && segments.size() != 4) {
            throw new ArtifactStoreException("not a Pulp object href: " + href, false);
        }
        return new Href(segments);
    }

    String group() {
        return segments.get(0);
    }

    String plugin() {
        return segments.get(1);
    }

    String type() {
        return segments.get(2);
    }

    String id() {
        return segments.get(segments.size() - 1);
    }
}
