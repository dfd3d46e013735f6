package org.gatehouse.user;

import java.util.List;

/** One page of the user list and the number of users that match. */
public record UserPage(List<Account> items, long total, int page, int size) {
}
