package io.osmigration.platform.cloud;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import com.mongodb.client.MongoClient;

import io.micrometer.core.instrument.MeterRegistry;

import io.osmigration.platform.cloud.budget.BudgetProperties;
import io.osmigration.platform.cloud.budget.CallBudget;
import io.osmigration.schemas.DeterministicIds;

@AutoConfiguration
@EnableConfigurationProperties({AliyunProperties.class, CredentialsProperties.class, BudgetProperties.class})
public class CloudAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CloudAutoConfiguration.class);

    /** The account's call budget: in MongoDB, shared by every replica, unless turned off or there is no MongoDB. */
    @Bean
    @Lazy
    CallBudget ecsCallBudget(AliyunProperties aliyun, CredentialsProperties credentials, BudgetProperties budget,
                             ObjectProvider<MongoClient> mongo) {
        MongoClient client = budget.shared() ? mongo.getIfAvailable() : null;
        if (client == null) {
            log.info("ECS call budget: {} calls/s for this replica alone", aliyun.maxCallsPerSecond());
            return CallBudget.local(aliyun.maxCallsPerSecond(), budget.jitterMargin(), budget.maxWait());
        }
        String account = budget.account().isBlank() ? derivedAccount(aliyun, credentials) : budget.account();
        log.info("ECS call budget: {} calls/s shared by all replicas as {} in MongoDB database {}",
                aliyun.maxCallsPerSecond(), account, budget.database());
        return CallBudget.shared(client.getDatabase(budget.database()), account, aliyun.maxCallsPerSecond(),
                budget.jitterMargin(), budget.maxWait());
    }

    @Bean
    @Lazy
    EcsGateway ecsGateway(AliyunProperties properties, CredentialsProperties credentials, CallBudget ecsCallBudget,
                          ObjectProvider<MeterRegistry> meters) {
        return new EcsGateway(properties, CloudCredentials.provider(properties, credentials, Clock.systemUTC()),
                ecsCallBudget, meters.getIfAvailable());
    }

    /**
     * Replicas configured alike share one budget: the same endpoint (or region) and the same identity — the AccessKey
     * id, or the role they assume — hashed, so no key id is written to MongoDB.
     */
    static String derivedAccount(AliyunProperties aliyun, CredentialsProperties credentials) {
        String endpoint = aliyun.endpoint().isBlank() ? aliyun.regionId() : aliyun.endpoint();
        String identity = switch (credentials.type()) {
            case "sts-assume-role" -> credentials.roleArn();
            case "ecs-ram-role" -> "ecs-ram-role:" + credentials.ramRoleName();
            default -> aliyun.accessKeyId();
        };
        return DeterministicIds.of("ecs-", endpoint + "|" + identity, 16);
    }
}
