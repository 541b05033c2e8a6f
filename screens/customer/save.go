package customer

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// saveJob is one save as the form asks for it.
type saveJob struct {
	req apiclient.SaveCustomerRequest
	// checkCode: the code was typed for a new customer; make sure no one
	// holds it before creating (new with a known code would update them).
	checkCode bool
	// maybeSaved: an earlier attempt got no answer and may have been
	// applied; look first, so that a sign-up bonus is not added twice nor
	// a second card generated.
	maybeSaved   bool
	originalCard string
	// checkCard: the save sets a card number; make sure no one else holds it.
	checkCard bool
}

// saveOutcome is what came of a saveJob.
type saveOutcome struct {
	id     int64
	result apiclient.SaveCustomerResult
	err    error
	// taken is the customer who already holds a typed code.
	taken *apiclient.Customer
	// cardHolders are the customers who already hold the card number the
	// save would set; nothing was sent.
	cardHolders []apiclient.Customer
	// sent is whether a record_customer request left (its fate may be
	// unknown when err is a transport error).
	sent bool
	// job is what was sent, for the check after a lost answer.
	job saveJob
}

type savedMsg saveOutcome

// request builds the call for the form as it stands.
//
// A new customer is sent as customer_action=new with a code: the code
// typed, or the one generated when the form opened. The fake server (and
// the seed's rules) create a customer for an unknown code and update the
// one holding a known code, for new as for edit; new is the call that
// enrols in campaigns and adds the sign-up bonus, so it is the one to use,
// and since the code never changes between tries, repeating it after a
// lost answer updates the record the first try made instead of making a
// second. An edit names the customer by its code and carries only the
// fields that changed.
func (m *Model) request() saveJob {
	if m.isNew {
		return m.newRequest()
	}
	return m.editRequest()
}

func (m *Model) newRequest() saveJob {
	values := m.form.Values()
	req := apiclient.SaveCustomerRequest{Action: apiclient.ActionNew, Code: values[kCode], Fields: map[string]string{}}
	typed := req.Code != ""
	if !typed {
		req.Code = m.code
	}
	for k, v := range values {
		if v != "" {
			m.applyValue(&req, k, v)
		}
	}
	return saveJob{req: req, checkCode: typed, maybeSaved: m.maybeSaved, checkCard: req.CardNumber != ""}
}

func (m *Model) editRequest() saveJob {
	req := apiclient.SaveCustomerRequest{Action: apiclient.ActionEdit, Code: m.code, Fields: map[string]string{}}
	for k, v := range m.form.ChangedValues() {
		m.applyValue(&req, k, v)
	}
	return saveJob{req: req, maybeSaved: m.maybeSaved, originalCard: m.original[kCard],
		checkCard: req.CardNumber != "" && req.CardNumber != m.original[kCard]}
}

func (m *Model) applyValue(req *apiclient.SaveCustomerRequest, k, v string) {
	switch k {
	case kCode:
	case kNewCode:
		req.NewCode = v == "true"
	case kCard:
		req.CardNumber = v
	case kGenerate:
		req.CardNumberGenerate, _ = strconv.Atoi(v)
	case kEmailOwner:
		req.SendNoEmail = v == "false"
	case kCampaigns:
		req.CampaignIDs = strings.Split(v, ",")
	case kAutoAdd:
		req.AutoAdd = v
	default:
		if m.lists[k] {
			v = apiclient.JoinList(apiclient.SplitList(v))
		}
		req.Fields[k] = v
	}
}

// nothingToSave: send_no_email alone changes nothing on the record.
func nothingToSave(j saveJob) bool {
	r := j.req
	return r.Action == apiclient.ActionEdit && len(r.Fields) == 0 && r.CardNumber == "" &&
		!r.NewCode && r.CardNumberGenerate == 0
}

// save runs the job: a look first when needed, then record_customer.
func save(ctx context.Context, api *apiclient.Client, id int64, j saveJob) saveOutcome {
	out := saveOutcome{id: id}
	if j.checkCard {
		holders, err := otherHolders(ctx, api, j.req.CardNumber, j.req.Code)
		if err != nil || len(holders) > 0 {
			out.cardHolders, out.err = holders, err
			return out
		}
	}
	landedCard := ""
	if j.checkCode || j.maybeSaved {
		var err error
		j, landedCard, out.taken, err = reconcile(ctx, api, j)
		if err != nil || out.taken != nil {
			out.err = err
			return out
		}
	}
	out.sent, out.job = true, j
	out.result, out.err = api.SaveCustomer(ctx, j.req)
	if out.err != nil {
		return out
	}
	if out.result.CardNumber == "" {
		out.result.CardNumber = landedCard
	}
	if j.maybeSaved && j.req.Action == apiclient.ActionNew {
		out.result.Status = "new" // the first try made it; this one only repeated it
	}
	return out
}

// otherHolders lists the customers other than self who hold the card. The
// search is exact; a service that refuses the search is asked by
// customer_info instead.
func otherHolders(ctx context.Context, api *apiclient.Client, card, self string) ([]apiclient.Customer, error) {
	holders, err := api.CustomerSearch(ctx, apiclient.SearchQuery{Fields: map[string]string{"card_number": card}, Exact: apiclient.ExactInsensitive})
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) && !errors.Is(err, apiclient.ErrUnauthenticated) {
		holders, err = holdersByInfo(ctx, api, card)
	}
	if err != nil {
		return nil, err
	}
	others := holders[:0:0]
	for _, h := range holders {
		if h.Code != self || self == "" {
			others = append(others, h)
		}
	}
	return others, nil
}

func holdersByInfo(ctx context.Context, api *apiclient.Client, card string) ([]apiclient.Customer, error) {
	c, err := api.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: card, NoBalances: true})
	var amb *apiclient.AmbiguousCardError
	switch {
	case err == nil:
		return []apiclient.Customer{c}, nil
	case errors.Is(err, apiclient.ErrNotFound):
		return nil, nil
	case errors.As(err, &amb):
		return amb.Customers, nil
	case errors.Is(err, apiclient.ErrAmbiguousCard):
		return []apiclient.Customer{{}, {}}, nil // several, names unknown
	}
	return nil, err
}

// reconcile looks the customer up before a save that could otherwise do
// harm: a typed code that someone already holds, or a repeat of a save
// that may have been applied. It returns the job to send and, when an
// earlier try had generated a card, that card.
func reconcile(ctx context.Context, api *apiclient.Client, j saveJob) (saveJob, string, *apiclient.Customer, error) {
	cust, err := api.CustomerInfo(ctx, apiclient.CustomerQuery{Code: j.req.Code, NoBalances: true})
	found := err == nil
	if err != nil && !errors.Is(err, apiclient.ErrNotFound) {
		return j, "", nil, err
	}
	r := j.req
	switch {
	case r.Action == apiclient.ActionNew && found && !j.maybeSaved:
		return j, "", &cust, nil
	case r.Action == apiclient.ActionNew && found:
		// The earlier try created the customer: repeat without the bonus
		// and without generating yet another card.
		r.AutoAdd = ""
		landed := ""
		if r.CardNumberGenerate > 0 {
			r.CardNumberGenerate, landed = 0, cust.CardNumber
		}
		j.req = r
		return j, landed, nil, nil
	case r.Action == apiclient.ActionEdit && !found && r.NewCode && j.originalCard != "":
		// The earlier try gave the customer a fresh code; an edit of the
		// old code would now create a stranger. The card still finds them.
		renamed, err := api.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: j.originalCard, NoBalances: true})
		if err != nil {
			return j, "", nil, err
		}
		r.Code, r.NewCode = renamed.Code, false
		j.req = r
		return reconcileCardFrom(j, renamed)
	case r.Action == apiclient.ActionEdit && !found:
		return j, "", nil, errGone
	case r.Action == apiclient.ActionEdit:
		return reconcileCardFrom(j, cust)
	}
	return j, "", nil, nil
}

var errGone = errors.New("this customer no longer exists on the server (deleted or renamed elsewhere); nothing was saved")

// reconcileCardFrom drops a card generation that already happened: the
// customer's card is no longer the one the form started from.
func reconcileCardFrom(j saveJob, cust apiclient.Customer) (saveJob, string, *apiclient.Customer, error) {
	if j.req.CardNumberGenerate > 0 && cust.CardNumber != j.originalCard {
		j.req.CardNumberGenerate = 0
		return j, cust.CardNumber, nil, nil
	}
	return j, "", nil, nil
}

// saveCmd sends the job from a command.
func (m *Model) saveCmd(j saveJob) tea.Cmd {
	api, ctx, id := m.c.API, m.c.Ctx, m.id
	m.c.Log.Info("saving customer", "action", string(j.req.Action), "code", j.req.Code, "fields", fieldNames(j.req))
	return func() tea.Msg { return savedMsg(save(ctx, api, id, j)) }
}

// fieldNames lists what a request sets, by name only: values (secrets
// among them) never go to the log.
func fieldNames(r apiclient.SaveCustomerRequest) []string {
	names := slices.Sorted(maps.Keys(r.Fields))
	for _, f := range []struct {
		name string
		set  bool
	}{{kCard, r.CardNumber != ""}, {kNewCode, r.NewCode}, {kGenerate, r.CardNumberGenerate > 0},
		{kCampaigns, len(r.CampaignIDs) > 0}, {kAutoAdd, r.AutoAdd != ""}, {"send_no_email", r.SendNoEmail}} {
		if f.set {
			names = append(names, f.name)
		}
	}
	return names
}

// unknownOutcome: the request may have reached the server and been applied.
func unknownOutcome(err error) bool {
	return apiclient.MaybeApplied(err) && !errors.Is(err, errGone)
}

// fieldOfError names the field a server's refusal is about, if any.
func fieldOfError(err error) (key, msg string) {
	var apiErr *apiclient.APIError
	var vErr *apiclient.ValidationError
	switch {
	case errors.Is(err, apiclient.ErrAmbiguousCard):
		return kCard, "several customers share this card number; type another"
	case errors.As(err, &vErr) && vErr.Field != "":
		return vErr.Field, ui.Sanitize(vErr.Problem)
	case errors.As(err, &apiErr):
		text := apiErr.Message
		for _, k := range []string{kNewCode, kGenerate, apiclient.FCustomDate, apiclient.FPIN, kAutoAdd} {
			if strings.HasPrefix(text, k) {
				return k, "the server refused: " + ui.Sanitize(withoutKey(text, k))
			}
		}
		if strings.HasPrefix(text, "custom_field_") {
			k, _, _ := strings.Cut(text, ":")
			return k, "the server refused: " + ui.Sanitize(withoutKey(text, k))
		}
	}
	return "", ""
}

// withoutKey drops the API's field name from the start of a server
// message: the message stands beside the field, which has its label.
func withoutKey(text, key string) string {
	rest := strings.TrimLeft(strings.TrimPrefix(text, key), ": ")
	if rest == "" {
		return text
	}
	return rest
}
