package io.osmigration.notification.domain;

public enum ChannelType {
    EMAIL,
    DINGTALK
}
