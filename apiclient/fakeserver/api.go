package fakeserver

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/wire"
)

// The messages the client classifies (apiclient/errors.go).
const (
	msgCustomerNotFound   = apiclient.MsgCustomerNotFound
	msgMultipleCardMatch  = apiclient.MsgMultipleCardMatch
	msgAuthFailed         = apiclient.MsgAuthFailed
	msgLastWithCampaigns  = apiclient.MsgLastWithCampaigns
	msgCampaignNotFound   = apiclient.MsgCampaignNotFound
	msgCustomFieldInvalid = apiclient.MsgCustomFieldInvalid
)

// apiError is a refusal the API answers with status="error".
type apiError struct{ msg string }

func (e *apiError) Error() string { return e.msg }

func apiErr(msg string) error { return &apiError{msg} }

func apiErrf(format string, args ...any) error { return &apiError{fmt.Sprintf(format, args...)} }

// call is one authenticated request as the handlers see it.
type call struct {
	form url.Values
	user string
	now  time.Time
}

func (c *call) get(k string) string { return c.form.Get(k) }

// given reports whether the form holds the key with a non-empty value.
func (c *call) given(k string) bool { return c.form.Get(k) != "" }

func (c *call) has(k string) bool {
	_, ok := c.form[k]
	return ok
}

// reply is a handler's answer: a whole tree, or a stream (the report).
type reply struct {
	node   *wire.Node
	stream func(w io.Writer, o output) error
}

func (rep reply) write(w io.Writer, o output) error {
	if rep.stream != nil {
		return rep.stream(w, o)
	}
	return o.write(w, rep.node)
}

func success() *wire.Node {
	return wire.NewNode("response").SetAttr("status", "success")
}

func errorReply(msg string) reply {
	return reply{node: wire.NewNode("response").SetAttr("status", "error").AddText("error", msg)}
}

type handler func(st *store, c *call) (reply, error)

var handlers = map[string]handler{
	"reports":                 (*store).report,
	"customers_batch":         (*store).batch,
	"record_customer":         (*store).recordCustomer,
	"customer_info":           (*store).customerInfo,
	"customer_balance":        (*store).customerBalance,
	"account_info":            (*store).accountInfo,
	"account_update":          (*store).accountUpdate,
	"process_owner_account":   (*store).legacyAccountUpdate,
	"dashboard":               (*store).dashboard,
	"campaigns_list":          (*store).campaignsList,
	"campaigns_inactive_list": (*store).campaignsInactiveList,
	"campaign_rewards":        (*store).campaignRewards,
	"manage_fields":           (*store).manageFields,
	"transaction_fields":      (*store).transactionFields,
	"generate_card_number":    (*store).generateCardNumber,
	"customer_search":         (*store).customerSearch,
	"customer_find":           (*store).customerFind,
	"card_replace":            (*store).cardReplace,
	"record_activity":         (*store).recordActivity,
	"redeem":                  (*store).redeem,
	"transaction_delete":      (*store).transactionDelete,
	"campaign_promos":         (*store).campaignPromos,
	"buyx_items_list":         (*store).buyxItemsList,
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	parseErr := r.ParseForm()
	fault := s.faults.pick(r.Form.Get("type"))
	s.log.record(r, s.now(), fault)
	if h := s.faults.takeHold(r.Form.Get("type")); h != nil {
		close(h.arrived)
		<-h.release
		defer close(h.done)
	}
	if !s.faults.wait(r.Context()) {
		return // the client gave up during the added latency
	}
	switch fault {
	case FaultHTTP500:
		writeHTTP500(w)
		return
	case FaultHTMLPage:
		writeHTMLPage(w)
		return
	}
	out, outErr := outputOf(r.Form)
	var rep reply
	switch {
	case parseErr != nil:
		rep = errorReply("the request could not be read as form data")
	case outErr != nil:
		rep = errorReply(outErr.Error())
	default:
		rep = s.process(r)
	}
	switch fault {
	case FaultLostAnswer:
		dropConnection(w)
	case FaultTruncated:
		writeTruncated(w, out, rep)
	default:
		writeReply(w, out, rep)
	}
}

// process authenticates and runs the call under the lock. A streamed reply
// holds only immutable snapshots, so it is written after the lock is gone.
func (s *Server) process(r *http.Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	user, ok := s.st.authenticate(r.Form, r.Header)
	if !ok {
		return errorReply(msgAuthFailed)
	}
	t := r.Form.Get("type")
	if t == "" {
		return errorReply("type is required")
	}
	h, ok := handlers[t]
	if !ok {
		return errorReply(fmt.Sprintf("Invalid type: %q is not an API call", t))
	}
	rep, err := h(s.st, &call{form: r.Form, user: user, now: s.now()})
	if err != nil {
		return errorReply(err.Error())
	}
	return rep
}

// authenticate checks user_id, account_id and the API key, which comes from
// the api_access_key header (it wins), user_api_key or user_password.
func (st *store) authenticate(form url.Values, h http.Header) (string, bool) {
	key := form.Get("user_password")
	if k := form.Get("user_api_key"); k != "" {
		key = k
	}
	if k := h.Get("api_access_key"); k != "" {
		key = k
	}
	user := form.Get("user_id")
	want, ok := st.users[user]
	if !ok || key == "" || form.Get("account_id") != st.account["account_id"] {
		return "", false
	}
	return user, subtle.ConstantTimeCompare([]byte(key), []byte(want)) == 1
}

func writeReply(w http.ResponseWriter, o output, rep reply) {
	w.Header().Set("Content-Type", o.contentType())
	bw := bufio.NewWriterSize(w, 32<<10)
	if rep.write(bw, o) == nil {
		_ = bw.Flush() // a client that went away is not the server's problem
	}
}

// writeTruncated sends the first half of the answer, as a proxy that cut
// the connection short would.
func writeTruncated(w http.ResponseWriter, o output, rep reply) {
	var buf bytes.Buffer
	_ = rep.write(&buf, o)
	w.Header().Set("Content-Type", o.contentType())
	_, _ = w.Write(buf.Bytes()[:buf.Len()/2])
}

func writeHTTP500(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = io.WriteString(w, "Internal Server Error\n")
}

// htmlErrorPage is what a web server or proxy in front of the API sends when
// the API is down: long, styled, nothing like an API answer.
const htmlErrorPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>502 Bad Gateway</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; background: #f4f4f4; color: #333; margin: 0; }
.box { max-width: 640px; margin: 10% auto; background: #fff; padding: 2em; border-radius: 6px; }
h1 { font-size: 1.6em; color: #b00; }
</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body>
<div class="box">
<h1>502 Bad Gateway</h1>
<p>The server, while acting as a gateway or proxy, received an invalid response from the upstream server.</p>
<p>Please try again in a few minutes. If the problem persists, contact your hosting provider and quote reference 7f3a-19c2.</p>
<hr><address>nginx</address>
</div>
</body>
</html>
`

func writeHTMLPage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadGateway)
	_, _ = io.WriteString(w, htmlErrorPage)
}

// dropConnection closes the connection without an answer: the request was
// processed but the client never learns the outcome.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// HTTP/2 and wrapped writers cannot be hijacked; this documented
	// sentinel makes net/http abort the response without logging.
	panic(http.ErrAbortHandler)
}

// positiveInt reads an optional whole-number parameter; absent or empty is 0.
func positiveInt(c *call, key string, limit int) (int, error) {
	v := strings.TrimSpace(c.get(key))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, apiErrf("%s must be a whole number, not %q", key, v)
	}
	if n > limit {
		return 0, apiErrf("%s may be at most %d", key, limit)
	}
	return n, nil
}
