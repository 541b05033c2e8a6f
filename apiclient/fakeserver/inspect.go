package fakeserver

import (
	"maps"
	"time"
)

// Customer is a customer as the store holds it, for tests to inspect;
// unlike the API it shows the password and PIN.
type Customer struct {
	Code, CardNumber                  string
	FirstName, LastName, Phone, Email string
	Street1, Street2, City, State     string
	PostalCode, Country               string
	CustomDate, CustomField           string
	Username, Password, PIN           string
	Registered                        bool
	// CustomFields holds custom_field_N by N (set ones only).
	CustomFields map[int]string
	// Balances holds the balance in each enrolled campaign, by campaign
	// ID, written as the API writes it.
	Balances map[string]string
	// Transactions counts the customer's transactions in all campaigns.
	Transactions int
	Created      time.Time
	// ChangeID is the sequence ID of the creation or last change (the
	// report's last parameter compares against it).
	ChangeID int64
}

func (st *store) export(rec *custRec) Customer {
	p := rec.p
	c := Customer{
		Code: p.code, CardNumber: p.card, FirstName: p.f[fFirstName], LastName: p.f[fLastName],
		Phone: p.f[fPhone], Email: p.f[fEmail], Street1: p.f[fStreet1], Street2: p.f[fStreet2],
		City: p.f[fCity], State: p.f[fState], PostalCode: p.f[fPostalCode], Country: p.f[fCountry],
		CustomDate: p.f[fCustomDate], CustomField: p.f[fCustomField], Username: p.f[fUsername],
		Password: p.f[fPassword], PIN: p.f[fPIN], Registered: p.registered,
		CustomFields: maps.Clone(p.custom), Balances: map[string]string{},
		Transactions: len(rec.txns), Created: p.created, ChangeID: p.changeID,
	}
	if c.CustomFields == nil {
		c.CustomFields = map[int]string{}
	}
	for ci, camp := range st.campaigns {
		if rec.enrolled[ci] {
			c.Balances[camp.id] = camp.format(rec.balance[ci])
		}
	}
	return c
}

// Customer returns the customer with the code.
func (s *Server) Customer(code string) (Customer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.byCode[code]
	if rec == nil {
		return Customer{}, false
	}
	return s.st.export(rec), true
}

// CustomersByCard returns every customer holding the card number.
func (s *Server) CustomersByCard(card string) []Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Customer
	for _, rec := range s.st.byCard[card] {
		out = append(out, s.st.export(rec))
	}
	return out
}

// CustomerCount returns the number of customers.
func (s *Server) CustomerCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.st.customers)
}

// TransactionCount returns the number of transactions.
func (s *Server) TransactionCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.st.txns)
}

// Undos returns how many undo states batch imports have recorded.
func (s *Server) Undos() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.st.undos)
}

// LastID returns the newest sequence ID (transactions and customer changes
// share it): what a client passes as the report's last to get only what
// changes from now on.
func (s *Server) LastID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.seq
}

// APIKey returns the API key the user signs in with now (it changes when
// the account password does).
func (s *Server) APIKey(userID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.st.users[userID]
	return k, ok
}
