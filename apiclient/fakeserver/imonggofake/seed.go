package imonggofake

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// DefaultCustomers is how many customers New seeds unless told otherwise:
// more than one page of 100, so paging shows.
const DefaultCustomers = 150

var (
	seedFirstNames = []string{"Maria", "Jose", "Juan", "Ana", "Mark", "Angelica", "Paolo", "Kristine",
		"Miguel", "Jasmine", "Carlo", "Patricia", "Ramon", "Liza", "Enrico", "Grace", "Noel", "Sheila"}
	seedLastNames = []string{"Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Torres",
		"Flores", "Villanueva", "Ramos", "dela Cruz", "Aquino", "Castillo", "Navarro", "Lim", "Tan"}
	seedStreets = []string{"Rizal St", "Mabini St", "Bonifacio Ave", "Ayala Ave", "Osmeña Blvd", "Session Rd", "Roxas Blvd"}
	seedPlaces  = []struct{ city, state, zip string }{
		{"Makati", "Metro Manila", "1200"}, {"Quezon City", "Metro Manila", "1100"},
		{"Cebu City", "Cebu", "6000"}, {"Davao City", "Davao del Sur", "8000"},
		{"Iloilo City", "Iloilo", "5000"}, {"Baguio", "Benguet", "2600"},
	}
	seedShops = []string{"Sari-Sari Store", "Carinderia", "Bakeshop", "Hardware", "Pharmacy"}
)

// seeder makes the same customers for the same seed and clock.
type seeder struct {
	rng *rand.Rand
	now time.Time
}

// seed fills the store with n customers; codes (loyalty customer codes)
// go to randomly chosen ones so the two systems overlap.
func (s *store) seed(n int, codes []string, seed int64, now time.Time) {
	sd := seeder{rng: rand.New(rand.NewPCG(uint64(seed), 0x1a0c0de)), now: now}
	given := sd.placeCodes(n, codes)
	for i := range n {
		values := sd.customer(i)
		if code, ok := given[i]; ok {
			values["code"] = code
		} else {
			values["code"] = s.freeCodeAvoiding(given)
		}
		created, updated := sd.times()
		r := &record{id: s.nextID, values: values, createdAt: created, updatedAt: updated}
		s.byID[r.id] = r
		s.nextID++
	}
}

func (s *store) freeCodeAvoiding(given map[int]string) string {
	for {
		code := s.freeCode()
		if !containsValue(given, code) {
			return code
		}
	}
}

func containsValue(m map[int]string, v string) bool {
	for _, x := range m {
		if x == v {
			return true
		}
	}
	return false
}

// placeCodes maps customer positions to the distinct non-empty codes.
func (sd seeder) placeCodes(n int, codes []string) map[int]string {
	var distinct []string
	seen := map[string]bool{}
	for _, c := range codes {
		if c = strings.TrimSpace(c); c != "" && !seen[c] {
			seen[c] = true
			distinct = append(distinct, c)
		}
	}
	placed := map[int]string{}
	for k, pos := range sd.rng.Perm(n) {
		if k >= len(distinct) {
			break
		}
		placed[pos] = distinct[k]
	}
	return placed
}

func (sd seeder) pick(list []string) string { return list[sd.rng.IntN(len(list))] }

func (sd seeder) chance(percent int) bool { return sd.rng.IntN(100) < percent }

func (sd seeder) customer(i int) Fields {
	v := Fields{"tax_exempt": "false", "state": "", "discount_text": ""}
	if sd.chance(10) {
		shop := fmt.Sprintf("%s %d", sd.pick(seedShops), i+1)
		v["name"], v["company_name"] = shop, shop
	} else {
		first, last := sd.pick(seedFirstNames), sd.pick(seedLastNames)
		v["first_name"], v["last_name"], v["name"] = first, last, first+" "+last
		if sd.chance(70) {
			local := strings.ToLower(strings.ReplaceAll(first+"."+last, " ", ""))
			v["email"] = fmt.Sprintf("%s%d@example.com", local, i+1)
		}
	}
	sd.contact(v)
	sd.address(v)
	sd.extras(v)
	return v
}

func (sd seeder) contact(v Fields) {
	if sd.chance(60) {
		v["mobile"] = fmt.Sprintf("+63 9%02d %03d %04d", 10+sd.rng.IntN(90), sd.rng.IntN(1000), sd.rng.IntN(10000))
	}
	if sd.chance(30) {
		v["telephone"] = fmt.Sprintf("(02) 8%03d %04d", sd.rng.IntN(1000), sd.rng.IntN(10000))
	}
}

func (sd seeder) address(v Fields) {
	if !sd.chance(70) {
		return
	}
	place := seedPlaces[sd.rng.IntN(len(seedPlaces))]
	v["street"] = fmt.Sprintf("%d %s", 1+sd.rng.IntN(999), sd.pick(seedStreets))
	v["city"], v["state"], v["zipcode"] = place.city, place.state, place.zip
	if sd.chance(85) {
		v["country"] = "PH"
	}
}

func (sd seeder) extras(v Fields) {
	birth := time.Date(1950+sd.rng.IntN(56), time.Month(1+sd.rng.IntN(12)), 1+sd.rng.IntN(28), 0, 0, 0, 0, time.UTC)
	switch {
	case sd.chance(50):
		v["birthdate"] = birth.Format(time.DateOnly)
	case sd.chance(10):
		v["birthday"] = birth.Format(time.DateOnly) // the older field alone
	}
	if sd.chance(5) {
		v["tax_exempt"] = "true"
	}
	if sd.chance(30) {
		v["customer_type_id"] = fmt.Sprint(1 + sd.rng.IntN(3))
	}
	if sd.chance(15) {
		v["discount_text"] = fmt.Sprintf("%d%%", 5*(1+sd.rng.IntN(4)))
	}
	if sd.chance(10) {
		v["remark"] = "Prefers SMS"
	}
	if sd.chance(10) {
		v["tin"] = fmt.Sprintf("%03d-%03d-%03d-000", sd.rng.IntN(1000), sd.rng.IntN(1000), sd.rng.IntN(1000))
	}
	if sd.chance(8) {
		v["status"] = statusDeleted
	}
}

// times spreads creation over the last two years and updates after it.
func (sd seeder) times() (created, updated time.Time) {
	const twoYears = 2 * 365 * 24 * time.Hour
	created = sd.now.Add(-time.Duration(1+sd.rng.Int64N(int64(twoYears/time.Second))) * time.Second)
	updated = created
	if sd.chance(70) {
		span := sd.now.Sub(created) / time.Second
		updated = created.Add(time.Duration(sd.rng.Int64N(int64(span)+1)) * time.Second)
	}
	return created, updated
}
