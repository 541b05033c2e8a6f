package apiclient

import "loyaltydesk/apiclient/internal/safetext"

const excerptMax = safetext.ExcerptMax

// excerpt turns a non-API body (an HTML error page, a proxy message) into a
// short, printable, single-line text with any secret blanked out.
func excerpt(body []byte, secrets []string) string { return safetext.Excerpt(body, secrets) }
