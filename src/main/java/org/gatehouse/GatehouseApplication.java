package org.gatehouse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Gatehouse: organizations, their users and roles, and how each person signs in, with every
 * way back in after a lost MFA device.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatehouseApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatehouseApplication.class, args);
	}

}
