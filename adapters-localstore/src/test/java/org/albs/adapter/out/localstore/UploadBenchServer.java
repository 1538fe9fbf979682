package org.albs.adapter.out.localstore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The upload routes alone on a Vert.x HTTP server, for {@code bench/localstore-upload.sh} when no full server is
 * wanted: {@code UploadBenchServer <store dir> <port> <user> <password>}. Prints {@code listening <port>} when ready.
 */
public final class UploadBenchServer {
    private UploadBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: UploadBenchServer <store dir> <port> <user> <password>");
            System.exit(2);
        }
        Vertx vertx = Vertx.vertx();
        PulpUploadProtocol protocol = new PulpUploadProtocol(vertx, new Blobs(Path.of(args[0])),
                new UploadSettings(args[2], args[3], UploadSettings.DEFAULT_MAX_FILE_SIZE, Duration.ofHours(24)),
                Clock.systemUTC());
        Router router = Router.router(vertx);
        protocol.mount(router);
        int port = vertx.createHttpServer().requestHandler(router).listen(Integer.parseInt(args[1]))
                .toCompletionStage().toCompletableFuture().get().actualPort();
        System.out.println("listening " + port);
    }
}
