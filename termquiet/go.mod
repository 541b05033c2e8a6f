module a.loyaltydesk.local/termquiet

go 1.26
