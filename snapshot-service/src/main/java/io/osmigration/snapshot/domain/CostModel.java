package io.osmigration.snapshot.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Estimates what a snapshot costs per day: size × price per GiB-month / 30. Snapshots are billed on used blocks, so
 * the disk size is an upper bound, which is what an operator deciding whether to keep one wants to know.
 */
public record CostModel(double pricePerGibMonth, String currency) {

    private static final int DAYS_PER_MONTH = 30;

    public double dailyCost(int sizeGiB) {
        return round(sizeGiB * pricePerGibMonth / DAYS_PER_MONTH);
    }

    public static double round(double amount) {
        return BigDecimal.valueOf(amount).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
