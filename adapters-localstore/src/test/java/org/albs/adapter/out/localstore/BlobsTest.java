package org.albs.adapter.out.localstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobsTest {
    @TempDir
    Path root;

    private Path received(Blobs blobs, String text) throws IOException {
        Path file = Files.createTempFile(blobs.stagingDir(), "upload", ".part");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void a_blob_is_found_by_checksum_artifact_id_and_href() throws IOException {
        Blobs blobs = new Blobs(root);
        Path file = received(blobs, "hello");
        String sha = Blobs.sha256Of(file);

        Blobs.Blob blob = blobs.adopt(file, sha);

        assertThat(file).doesNotExist();
        assertThat(blob.size()).isEqualTo(5);
        assertThat(blobs.find(sha)).contains(blob);
        assertThat(blobs.find(sha.toUpperCase())).contains(blob);
        assertThat(blobs.findByArtifactId(blob.artifactId())).contains(blob);
        assertThat(blobs.findByArtifactHref("http://host" + blob.artifactHref())).contains(blob);
        assertThat(blob.artifactHref()).matches("/pulp/api/v3/artifacts/[0-9a-f-]{36}/");
        assertThat(Files.readString(blob.file(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob.file()))).isEqualTo("r--r--r--");
    }

    @Test
    void the_same_content_is_kept_once() throws IOException {
        Blobs blobs = new Blobs(root);
        Path first = received(blobs, "same");
        String sha = Blobs.sha256Of(first);
        Blobs.Blob one = blobs.adopt(first, sha);
        Path second = received(blobs, "same");

        assertThat(blobs.adopt(second, sha)).isEqualTo(one);
        assertThat(second).doesNotExist();
    }

    @Test
    void unknown_or_malformed_lookups_find_nothing() {
        Blobs blobs = new Blobs(root);
        assertThat(blobs.find("0".repeat(64))).isEmpty();
        assertThat(blobs.find("not-a-sha")).isEmpty();
        assertThat(blobs.findByArtifactHref("/pulp/api/v3/artifacts/zzz/")).isEmpty();
        assertThat(blobs.findByArtifactHref("/pulp/api/v3/artifacts/00000000-0000-0000-0000-000000000000/")).isEmpty();
    }

    @Test
    void a_blob_linked_from_a_repository_is_not_removed() throws IOException {
        Blobs blobs = new Blobs(root);
        Path file = received(blobs, "linked");
        String sha = Blobs.sha256Of(file);
        Blobs.Blob blob = blobs.adopt(file, sha);
        Path link = root.resolve("repo-link.rpm");
        Files.createLink(link, blob.file());

        assertThat(blobs.removeIfUnreferenced(sha)).isFalse();
        Files.delete(link);
        assertThat(blobs.removeIfUnreferenced(sha)).isTrue();
        assertThat(blobs.find(sha)).isEmpty();
    }
}
