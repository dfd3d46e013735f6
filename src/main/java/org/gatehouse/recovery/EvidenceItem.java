package org.gatehouse.recovery;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;

/**
 * The fixed checklist of identity evidence on the other-email track. Knowledge facts can be looked
 * up or phished, so they never unlock anything alone: a ticket needs at least two items, one of
 * which is not a knowledge fact.
 */
public enum EvidenceItem {

	ORGANIZATION_ID_AND_SIGNUP_DATE(true, "Organization id and sign-up date"),
	LAST_INVOICE_AMOUNT(true, "Amount of the last invoice"),
	BILLING_ADDRESS(true, "Billing address"),
	CARD_LAST_DIGITS(true, "Last digits of the payment card"),
	BIRTH_DATE(true, "Date of birth"),
	CALLBACK_TO_PHONE_ON_FILE(false, "Call-back to the phone number on file"),
	PHOTO_ID_MATCHES_NAME(false, "Photo ID matches the chief operator's name");

	static final int MINIMUM = 2;

	private final boolean knowledge;
	private final String label;

	EvidenceItem(boolean knowledge, String label) {
		this.knowledge = knowledge;
		this.label = label;
	}

	public boolean knowledge() {
		return knowledge;
	}

	public String label() {
		return label;
	}

	/** Refuses (409) unless the items checked are enough to approve. */
	public static void requireSufficient(Collection<EvidenceItem> checked) {
		Set<EvidenceItem> items = checked.isEmpty() ? EnumSet.noneOf(EvidenceItem.class) : EnumSet.copyOf(checked);
		if (items.size() < MINIMUM || items.stream().allMatch(EvidenceItem::knowledge)) {
			throw new ProblemException(Problem.CONFLICT, "Record at least " + MINIMUM + " evidence items, at least one "
					+ "of them not a knowledge fact (a call-back to the phone on file or a photo ID), before approving.");
		}
	}

}
