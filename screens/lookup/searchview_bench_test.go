package lookup

import (
	"fmt"
	"testing"

	"loyaltydesk/custindex"
	"loyaltydesk/ui/uitest"
)

// BenchmarkSearchView draws the search page of a 120×40 terminal (content
// 120×36) with a full list of results, as each keystroke's frame does.
func BenchmarkSearchView(b *testing.B) {
	m := New(uitest.NewCommon(b, "http://127.0.0.1:1"), nil).(*Model)
	m.SetSize(120, 36)
	m.openSearch()
	s := m.search
	s.input.SetValue("mar")
	for i := range searchLimit {
		s.results = append(s.results, custindex.Entry{Name: fmt.Sprintf("Marama Ngata %d", i), Email: fmt.Sprintf("marama.ngata%d@example.com", i),
			Phone: "+64 21 555 0133", CardNumber: fmt.Sprintf("%08d", i), Code: fmt.Sprintf("%016d", i)})
	}
	s.total = 4000
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}
