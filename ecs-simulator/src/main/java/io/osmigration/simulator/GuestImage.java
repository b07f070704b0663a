package io.osmigration.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration files an ECS public image ships that the migration tools read: the yum
 * repository files (pointing at Alibaba Cloud's VPC-internal mirror, as ECS images do), the
 * sshd_config and the PAM stack.
 */
final class GuestImage {

    /** ECS images point yum at the VPC-internal mirror. */
    static final String MIRROR = "http://mirrors.cloud.aliyuncs.com";

    private GuestImage() {
    }

    /** file name under /etc/yum.repos.d -> content, for the repository ids the fleet file lists. */
    static Map<String, String> repoFiles(Fleet.Instance spec) {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        String id = OsProfiles.id(spec.osRelease());
        String major = OsProfiles.major(spec.osRelease());
        for (String repo : spec.repos()) {
            Section s = section(repo, id, major, spec.repoBaseUrl());
            files.computeIfAbsent(s.file(), k -> new StringBuilder()).append('[').append(repo).append("]\n")
                    .append("name=").append(s.name()).append('\n')
                    .append(s.url().contains("metalink") ? "metalink=" : "baseurl=").append(s.url()).append('\n')
                    .append("gpgcheck=1\nenabled=1\n")
                    .append(s.gpgkey() == null ? "" : "gpgkey=" + s.gpgkey() + "\n").append('\n');
        }
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    private record Section(String file, String name, String url, String gpgkey) {
    }

    private static Section section(String repo, String id, String major, String baseUrl) {
        String lower = repo.toLowerCase(Locale.ROOT);
        if ("centos".equals(id) && "7".equals(major) && List.of("base", "updates", "extras", "centosplus").contains(lower)) {
            String dir = lower.equals("base") ? "os" : lower;
            String root = baseUrl != null ? strip(baseUrl) : MIRROR + "/centos/$releasever";
            return new Section("CentOS-Base.repo", "CentOS-$releasever - " + capitalize(lower.equals("base") ? "base" : lower),
                    root + "/" + dir + "/$basearch/", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7");
        }
        if ("centos".equals(id) && "8".equals(major) && List.of("baseos", "appstream", "extras", "powertools").contains(lower)) {
            String dir = switch (lower) {
                case "baseos" -> "BaseOS";
                case "appstream" -> "AppStream";
                case "powertools" -> "PowerTools";
                default -> "extras";
            };
            String root = baseUrl != null ? strip(baseUrl) : MIRROR + "/centos/$releasever";
            return new Section("CentOS-Linux-" + dir + ".repo", "CentOS Linux $releasever - " + dir, root + "/" + dir + "/$basearch/os/",
                    "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-centosofficial");
        }
        if (lower.equals("epel")) {
            return new Section("epel.repo", "Extra Packages for Enterprise Linux " + major + " - $basearch",
                    "8".equals(major) ? MIRROR + "/epel/8/Everything/$basearch" : MIRROR + "/epel/7/$basearch",
                    "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-" + major);
        }
        if (lower.equals("epel-modular")) {
            return new Section("epel-modular.repo", "Extra Packages for Enterprise Linux Modular " + major + " - $basearch",
                    MIRROR + "/epel/" + major + "/Modular/$basearch", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-" + major);
        }
        if (lower.startsWith("mysql")) {
            String series = lower.replaceFirst("^mysql-(tools-)?", "").replace("-community", "");
            return new Section("mysql-community.repo", "MySQL " + series + " Community Server",
                    "http://repo.mysql.com/yum/" + repo + "/el/" + major + "/$basearch/", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-mysql-2023");
        }
        if (lower.startsWith("rhui-") || lower.startsWith("rhel-")) {
            return new Section("redhat-rhui.repo", "Red Hat Enterprise Linux (RHUI) " + repo,
                    "https://rhui.aliyuncs.com/pulp/repos/" + repo + "/", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-redhat-release");
        }
        if (lower.startsWith("alinux")) {
            String dir = lower.substring(lower.indexOf('-') + 1);
            return new Section("AliYun.repo", "Alibaba Cloud Linux $releasever - " + dir, MIRROR + "/alinux/$releasever/" + dir + "/$basearch/",
                    "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-ALINUX-" + major);
        }
        if ("anolis".equals(id)) {
            return new Section("AnolisOS-" + repo + ".repo", "AnolisOS-$releasever - " + repo,
                    MIRROR + "/anolis/$releasever/" + repo + "/$basearch/os", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-ANOLIS");
        }
        // A repository we know nothing about: a plausible internal mirror path, answered as empty.
        return new Section("osm-sim.repo", repo, MIRROR + "/osm-sim/" + repo + "/", null);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The sshd_config that openssh-server ships (abridged: the directives that matter, in their
     * packaged form, root login left at its commented default), and the file after an operator
     * edited it: ECS images set {@code UseDNS no} and state {@code PermitRootLogin} explicitly.
     */
    static String pristineSshdConfig() {
        return "#\t$OpenBSD: sshd_config,v 1.100 2016/08/15 12:32:04 naddy Exp $\n\n"
                + "HostKey /etc/ssh/ssh_host_rsa_key\nHostKey /etc/ssh/ssh_host_ecdsa_key\nHostKey /etc/ssh/ssh_host_ed25519_key\n\n"
                + "SyslogFacility AUTHPRIV\n\n#LoginGraceTime 2m\n#PermitRootLogin yes\n#StrictModes yes\n#MaxAuthTries 6\n\n"
                + "AuthorizedKeysFile\t.ssh/authorized_keys\n\nPasswordAuthentication yes\nChallengeResponseAuthentication no\n\n"
                + "GSSAPIAuthentication yes\nGSSAPICleanupCredentials no\n\nUsePAM yes\n\nX11Forwarding yes\n#UseDNS yes\n\n"
                + "AcceptEnv LANG LC_CTYPE LC_NUMERIC LC_TIME LC_COLLATE LC_MONETARY LC_MESSAGES\n"
                + "AcceptEnv LC_PAPER LC_NAME LC_ADDRESS LC_TELEPHONE LC_MEASUREMENT\nAcceptEnv LC_IDENTIFICATION LC_ALL LANGUAGE\n"
                + "AcceptEnv XMODIFIERS\n\nSubsystem\tsftp\t/usr/libexec/openssh/sftp-server\n";
    }

    static String sshdConfig(Fleet.Sshd sshd) {
        if (!sshd.modified()) {
            return pristineSshdConfig();
        }
        String edited = pristineSshdConfig().replace("#UseDNS yes\n", "UseDNS no\n");
        if (!"unset".equals(sshd.permitRootLogin())) {
            edited = edited.replace("#PermitRootLogin yes\n", "PermitRootLogin " + sshd.permitRootLogin() + "\n");
        }
        return edited;
    }

    /** /etc/pam.d files as authconfig writes them on EL7; pam_pkcs11 only in smartcard-auth. */
    static Map<String, String> pam(boolean pkcs11) {
        Map<String, String> files = new LinkedHashMap<>();
        String common = "auth        required      pam_env.so\nauth        sufficient    pam_unix.so nullok try_first_pass\n"
                + "auth        required      pam_deny.so\n\naccount     required      pam_unix.so\n\n"
                + "password    requisite     pam_pwquality.so try_first_pass local_users_only retry=3\n"
                + "password    sufficient    pam_unix.so sha512 shadow nullok try_first_pass use_authtok\n\n"
                + "session     optional      pam_keyinit.so revoke\nsession     required      pam_limits.so\n"
                + "session     required      pam_unix.so\n";
        files.put("/etc/pam.d/system-auth", "#%PAM-1.0\n# This file is auto-generated.\n# User changes will be destroyed the next time authconfig is run.\n" + common);
        files.put("/etc/pam.d/password-auth", "#%PAM-1.0\n# This file is auto-generated.\n# User changes will be destroyed the next time authconfig is run.\n" + common);
        files.put("/etc/pam.d/smartcard-auth", "#%PAM-1.0\n# This file is auto-generated.\n# User changes will be destroyed the next time authconfig is run.\n"
                + "auth        required      pam_env.so\n"
                + (pkcs11 ? "auth        [success=done ignore=ignore default=die] pam_pkcs11.so nodebug wait_for_card\n"
                : "#auth        [success=done ignore=ignore default=die] pam_pkcs11.so nodebug wait_for_card\n")
                + "auth        required      pam_deny.so\n\naccount     required      pam_unix.so\n\n"
                + "password    required      pam_pkcs11.so\n".replace("pam_pkcs11.so", pkcs11 ? "pam_pkcs11.so" : "pam_deny.so")
                + "\nsession     required      pam_unix.so\n");
        files.put("/etc/pam.d/postlogin", "#%PAM-1.0\nsession     [success=1 default=ignore] pam_succeed_if.so service !~ gdm* service !~ su* quiet\n"
                + "session     [default=1]   pam_lastlog.so nowtmp showfailed\nsession     optional      pam_lastlog.so silent noupdate showfailed\n");
        return files;
    }
}
