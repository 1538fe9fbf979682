package org.albs.adapter.out.localstore;

import java.nio.file.Path;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the embedded store's repositories read-only under {@code /content/} and, for the web UI, under
 * {@code /pulp/content/} (where Pulp serves its distributions), without authentication, like Pulp's content app: build nodes, mock, dnf and the
 * sign node's pycurl download from here. Range requests, {@code Content-Length} and {@code Last-Modified} come
 * from Vert.x's file serving; files whose names start with a dot (the store's own markers and files being written)
 * are never served.
 */
public final class ContentRoutes {
    /** The path prefix the repositories are served under. */
    public static final String PREFIX = "/content/";
    /**
     * The same files under Pulp's own prefix: the web UI fetches logs and links packages at
     * {@code {its origin}/pulp/content/…}, so with the embedded store this server answers there too.
     */
    public static final String PULP_PREFIX = "/pulp/content/";

    private ContentRoutes() {
    }

    public static void mount(Router router, Path contentRoot) {
        StaticHandler files = StaticHandler.create(FileSystemAccess.ROOT, contentRoot.toAbsolutePath().toString())
                .setCachingEnabled(false)
                .setFilesReadOnly(false)
                .setIncludeHidden(false)
                .setDirectoryListing(true)
                .setDefaultContentEncoding("UTF-8")
                .setEnableRangeSupport(true);
        for (String prefix : new String[] {PREFIX, PULP_PREFIX}) {
            // StaticHandler resolves a file from the path after the route's prefix, so one handler serves both
            router.route(prefix + "*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
        }
    }
}
