package io.osmigration.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Alibaba Cloud's public ECS regions: id to {Chinese name, English name}. */
final class Regions {

    static final Map<String, String[]> ALL = new LinkedHashMap<>();

    static {
        put("cn-qingdao", "华北1（青岛）", "China (Qingdao)");
        put("cn-beijing", "华北2（北京）", "China (Beijing)");
        put("cn-zhangjiakou", "华北3（张家口）", "China (Zhangjiakou)");
        put("cn-huhehaote", "华北5（呼和浩特）", "China (Hohhot)");
        put("cn-wulanchabu", "华北6（乌兰察布）", "China (Ulanqab)");
        put("cn-hangzhou", "华东1（杭州）", "China (Hangzhou)");
        put("cn-shanghai", "华东2（上海）", "China (Shanghai)");
        put("cn-nanjing", "华东5（南京-本地地域）", "China (Nanjing - Local Region)");
        put("cn-fuzhou", "华东6（福州-本地地域）", "China (Fuzhou - Local Region)");
        put("cn-shenzhen", "华南1（深圳）", "China (Shenzhen)");
        put("cn-heyuan", "华南2（河源）", "China (Heyuan)");
        put("cn-guangzhou", "华南3（广州）", "China (Guangzhou)");
        put("cn-chengdu", "西南1（成都）", "China (Chengdu)");
        put("cn-hongkong", "中国香港", "China (Hong Kong)");
        put("ap-northeast-1", "日本（东京）", "Japan (Tokyo)");
        put("ap-northeast-2", "韩国（首尔）", "South Korea (Seoul)");
        put("ap-southeast-1", "新加坡", "Singapore");
        put("ap-southeast-3", "马来西亚（吉隆坡）", "Malaysia (Kuala Lumpur)");
        put("ap-southeast-5", "印度尼西亚（雅加达）", "Indonesia (Jakarta)");
        put("ap-southeast-6", "菲律宾（马尼拉）", "Philippines (Manila)");
        put("ap-southeast-7", "泰国（曼谷）", "Thailand (Bangkok)");
        put("us-east-1", "美国（弗吉尼亚）", "US (Virginia)");
        put("us-west-1", "美国（硅谷）", "US (Silicon Valley)");
        put("eu-west-1", "英国（伦敦）", "UK (London)");
        put("eu-central-1", "德国（法兰克福）", "Germany (Frankfurt)");
        put("me-east-1", "阿联酋（迪拜）", "UAE (Dubai)");
        put("me-central-1", "沙特（利雅得）", "Saudi Arabia (Riyadh)");
    }

    private Regions() {
    }

    private static void put(String id, String zh, String en) {
        ALL.put(id, new String[] {zh, en});
    }

    static String[] names(String id) {
        return ALL.getOrDefault(id, new String[] {id, id});
    }
}
