package io.osmigration.platform.cloud;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import com.mongodb.client.MongoClient;

import io.osmigration.platform.cloud.budget.BudgetProperties;
import io.osmigration.platform.cloud.budget.CallBudget;
import io.osmigration.schemas.DeterministicIds;

@AutoConfiguration
@EnableConfigurationProperties({AliyunProperties.class, BudgetProperties.class})
public class CloudAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CloudAutoConfiguration.class);

    /** The account's call budget: in MongoDB, shared by every replica, unless turned off or there is no MongoDB. */
    @Bean
    @Lazy
    CallBudget ecsCallBudget(AliyunProperties aliyun, BudgetProperties budget, ObjectProvider<MongoClient> mongo) {
        MongoClient client = budget.shared() ? mongo.getIfAvailable() : null;
        if (client == null) {
            log.info("ECS call budget: {} calls/s for this replica alone", aliyun.maxCallsPerSecond());
            return CallBudget.local(aliyun.maxCallsPerSecond(), budget.jitterMargin(), budget.maxWait());
        }
        String account = budget.account().isBlank() ? derivedAccount(aliyun) : budget.account();
        log.info("ECS call budget: {} calls/s shared by all replicas as {} in MongoDB database {}",
                aliyun.maxCallsPerSecond(), account, budget.database());
        return CallBudget.shared(client.getDatabase(budget.database()), account, aliyun.maxCallsPerSecond(),
                budget.jitterMargin(), budget.maxWait());
    }

    @Bean
    @Lazy
    EcsGateway ecsGateway(AliyunProperties properties, CallBudget ecsCallBudget) {
        return new EcsGateway(properties, ecsCallBudget);
    }

    /** Replicas configured with the same endpoint (or region) and AccessKey share one budget; the key id is hashed. */
    static String derivedAccount(AliyunProperties aliyun) {
        String endpoint = aliyun.endpoint().isBlank() ? aliyun.regionId() : aliyun.endpoint();
        return DeterministicIds.of("ecs-", endpoint + "|" + aliyun.accessKeyId(), 16);
    }
}
