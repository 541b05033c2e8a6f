package form

import (
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

func TestMerchantFieldTakesTheInputOfItsType(t *testing.T) {
	def := func(typ apiclient.FieldType) apiclient.FieldDef {
		return apiclient.FieldDef{Name: "custom_field_2", Label: "Marital status", Type: typ, Required: true, Choices: []string{"Single", "Married"}}
	}
	text := MerchantField(def(apiclient.FieldText), "Custom fields")
	require.Equal(t, Field{Key: "custom_field_2", Label: "Marital status", Section: "Custom fields", Required: true}, text)
	require.Equal(t, Date, MerchantField(def(apiclient.FieldDate), "s").Kind)
	pick := MerchantField(def(apiclient.FieldPick), "s")
	require.Equal(t, Choice, pick.Kind)
	require.Equal(t, Options("Single", "Married"), pick.Options)
	require.Equal(t, MultiChoice, MerchantField(def(apiclient.FieldList), "s").Kind)
}
