package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SignatureV1Test {

    @Test
    void percentEncodingFollowsTheSdkRules() {
        assertThat(SignatureV1.percentEncode("a b*c~d+e/f=")).isEqualTo("a%20b%2Ac~d%2Be%2Ff%3D");
        assertThat(SignatureV1.percentEncode("中")).isEqualTo("%E4%B8%AD");
    }

    @Test
    void stringToSignSortsParametersAndSkipsTheSignature() {
        String s = SignatureV1.stringToSign("POST", Map.of("b", "2", "a", "x y", "Signature", "ignored"));
        assertThat(s).isEqualTo("POST&%2F&a%3Dx%2520y%26b%3D2");
    }

    @Test
    void verifiesOnlyWithTheRightSecret() {
        Map<String, String> params = Map.of("Action", "DescribeInstances", "AccessKeyId", "k");
        String sig = SignatureV1.sign("POST", params, "secret");
        assertThat(SignatureV1.verify("POST", params, "secret", sig)).isTrue();
        assertThat(SignatureV1.verify("POST", params, "other", sig)).isFalse();
        assertThat(SignatureV1.verify("GET", params, "secret", sig)).isFalse();
    }
}
