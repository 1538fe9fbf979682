package org.albs.adapter.out.persistence;

import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "platforms")
class PlatformEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String name;
    String type;
    @Column(name = "distr_type")
    String distrType;
    @Column(name = "distr_version")
    String distrVersion;
    @Column(name = "test_dist_name")
    String testDistName;
    @Column(name = "contact_mail")
    String contactMail;
    String copyright;
    @Column(name = "pgp_key")
    String pgpKey;
    Integer priority;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "arch_list")
    List<String> archList;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "copy_priority_arches")
    List<String> copyPriorityArches;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "weak_arch_list")
    List<Object> weakArchList;
    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Object> data;
    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Object> modularity;
    @Column(name = "is_reference")
    boolean reference;
    /**
     * Counts the changes of the platform, of its repository links and of its repositories, so dispatch can cache
     * platforms across server instances ({@code PlatformCache}). A plain column, not {@code @Version}: nothing is
     * checked on write. A new platform starts at the column's default.
     */
    long version = 1;

    /**
     * Counts one change. Unless the platform is new, the row must be write-locked and this state read under that
     * lock ({@link LockingEntities#lockFresh}), so no two transactions write the same number.
     */
    void bumpVersion() {
        version++;
    }
}
