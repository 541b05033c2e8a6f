package customer

import (
	"crypto/rand"
	"math/big"
)

// newCode returns a random 16-digit customer code, the shape the service
// itself generates, with no leading zero so that no system trims it. It is
// made when a new-customer form opens and kept for every retry (and in the
// draft), so a save whose answer was lost is repeated on the same record
// instead of creating a second customer.
func newCode() (string, error) {
	lowest := new(big.Int).Exp(big.NewInt(10), big.NewInt(15), nil)
	span := new(big.Int).Mul(lowest, big.NewInt(9))
	n, err := rand.Int(rand.Reader, span)
	if err != nil {
		return "", err
	}
	return n.Add(n, lowest).String(), nil
}
