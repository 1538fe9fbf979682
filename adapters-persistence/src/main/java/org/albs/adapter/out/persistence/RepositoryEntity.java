package org.albs.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.albs.domain.platform.Repository;

@Entity
@Table(name = "repositories")
class RepositoryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String name;
    String arch;
    String url;
    String type;
    boolean debug;
    int priority;
    boolean production;
    @Column(name = "mock_enabled")
    boolean mockEnabled;
    @Column(name = "pulp_href")
    String pulpHref;
    @Column(name = "export_path")
    String exportPath;
    @Column(name = "platform_id")
    Long platformId;

    Repository toDomain() {
        return new Repository(id, name, arch, url, type, debug, priority, production, mockEnabled, pulpHref,
                exportPath, platformId);
    }

    void copy(Repository r) {
        name = r.name();
        arch = r.arch();
        url = r.url();
        type = r.type();
        debug = r.debug();
        priority = r.priority();
        production = r.production();
        mockEnabled = r.mockEnabled();
        pulpHref = r.pulpHref();
        exportPath = r.exportPath();
    }
}
