package importer

// knownNames lists, by profile header, the column names that mean it in
// English, German, French, Spanish, Italian, Dutch and Portuguese, the
// best-known first (AutoMap prefers a column with a better-known name when
// two could take the same field). They are written as people write them and
// compared after normalizeName, which folds case and accents and drops
// punctuation, number markers (No., Nr., N°, #, number, Nummer, numéro…)
// and linking words (of, de, di, van…): "Numéro de client" is "client",
// "Telefon-Nr." is "telefon".
var knownNames = map[string][]string{
	"code": {
		"code", "customer code", "customer id", "cust id", "customer no", "customer number", "customer",
		"client id", "client code", "member id", "member code", "external id", "id", "customer ref",
		"Kundennummer", "Kundennr", "Kunden-Nr.", "Kd-Nr.", "Kundencode", "Kunden-ID", "Kunde", "Kundenkennung",
		"Code client", "Numéro client", "N° client", "ID client", "Référence client", "Client",
		"Código de cliente", "Número de cliente", "ID cliente", "Cliente", "Codice cliente", "Codice",
		"Klantnummer", "Klantnr", "Klantcode", "Klant-ID", "Klant", "Relatienummer", "Relatie",
		"Código", "Código do cliente", "Nº cliente",
	},
	"card_number": {
		"card number", "card no", "card", "cardnum", "card id", "loyalty card", "loyalty card number",
		"membership card", "membership number", "member number", "membership no", "barcode",
		"Kartennummer", "Karte", "Kundenkarte", "Kundenkartennummer", "Treuekarte", "Bonuskarte",
		"Mitgliedsnummer", "Mitgliedskarte", "Strichcode",
		"Numéro de carte", "Carte", "Carte de fidélité", "Code-barres", "Code barre",
		"Número de tarjeta", "Tarjeta", "Tarjeta de fidelidad", "Tarjeta cliente", "Código de barras",
		"Numero tessera", "Tessera", "Carta", "Carta fedeltà", "Codice a barre",
		"Kaartnummer", "Kaart", "Klantenkaart", "Klantenpas", "Pasnummer", "Spaarkaart",
		"Número do cartão", "Cartão", "Cartão de fidelidade", "Cartão cliente",
	},
	"first_name": {
		"first name", "given name", "forename", "first", "fname", "christian name",
		"Vorname", "Rufname", "Prénom", "Nombre", "Nombre de pila", "Nome", "Nome proprio",
		"Voornaam", "Roepnaam", "Primeiro nome", "Prenome",
	},
	"last_name": {
		"last name", "surname", "family name", "last", "lname",
		"Nachname", "Familienname", "Zuname", "Nom", "Nom de famille", "Apellido", "Apellidos",
		"Primer apellido", "Cognome", "Achternaam", "Familienaam", "Sobrenome", "Apelido", "Último nome",
	},
	"email": {
		"email", "email address", "mail", "email id",
		"E-Mail-Adresse", "Mailadresse", "Courriel", "Adresse e-mail", "Adresse mail", "Adresse électronique", "Mél",
		"Correo", "Correo electrónico", "Dirección de correo", "Posta elettronica", "Indirizzo email",
		"E-mailadres", "Mailadres", "Correio eletrónico", "Correio electrónico", "Endereço de email",
	},
	"phone": {
		"phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "mobile number",
		"cell", "cell phone", "cellular", "contact number", "telephone number",
		"Telefon", "Telefonnummer", "Handy", "Handynummer", "Mobil", "Mobiltelefon", "Mobilnummer", "Rufnummer",
		"Téléphone", "Portable", "Téléphone portable", "Tél. portable", "GSM",
		"Teléfono", "Móvil", "Celular", "Teléfono móvil", "Telefono", "Cellulare",
		"Telefoon", "Telefoonnummer", "Mobiel", "Mobiele telefoon", "Mobielnummer",
		"Telefone", "Telemóvel", "Telefone celular",
	},
	"custom_date": {
		"custom date", "dob", "date of birth", "birthday", "birthdate", "bday", "born", "birth date",
		"Geburtstag", "Geburtsdatum", "Geb.-Datum", "Geboren",
		"Date de naissance", "Anniversaire", "Naissance", "Né le",
		"Fecha de nacimiento", "Cumpleaños", "Nacimiento", "F. nacimiento",
		"Data di nascita", "Compleanno", "Nascita",
		"Geboortedatum", "Verjaardag",
		"Data de nascimento", "Aniversário", "Nascimento",
	},
	"street1": {
		"street 1", "street", "address", "address 1", "address line 1", "street address", "addr 1", "addr", "line 1",
		"Straße", "Strasse", "Straße und Hausnummer", "Adresse", "Anschrift", "Str.",
		"Rue", "Adresse 1", "Adresse ligne 1", "Voie",
		"Dirección", "Calle", "Domicilio", "Dirección 1", "Indirizzo", "Via", "Indirizzo 1",
		"Adres", "Straat", "Straatnaam", "Straat en huisnummer",
		"Morada", "Endereço", "Rua", "Logradouro",
	},
	"street2": {
		"street 2", "address 2", "address line 2", "addr 2", "line 2", "apartment", "suite", "apt",
		"Adresszusatz", "Zusatz", "Adresse 2", "Complément d'adresse", "Adresse ligne 2",
		"Dirección 2", "Piso", "Indirizzo 2", "Adres 2", "Toevoeging", "Morada 2", "Endereço 2", "Complemento",
	},
	"city": {
		"city", "town", "suburb", "locality", "town city",
		"Ort", "Stadt", "Wohnort", "Ortschaft", "Ville", "Localité", "Commune",
		"Ciudad", "Localidad", "Población", "Municipio", "Città", "Comune", "Località",
		"Plaats", "Woonplaats", "Stad", "Plaatsnaam", "Cidade", "Localidade", "Concelho",
	},
	"state": {
		"state", "province", "region", "county", "state province", "prefecture",
		"Bundesland", "Kanton", "Région", "Département", "Provincia", "Región", "Estado", "Comunidad autónoma",
		"Regione", "Provincie", "Regio", "Distrito", "Região", "Província",
	},
	"postal_code": {
		"postal code", "zip", "zip code", "postcode", "postal",
		"PLZ", "Postleitzahl", "Code postal", "CP", "Código postal", "CAP", "Codice postale",
		"CEP",
	},
	"country": {
		"country", "country code", "nation",
		"Land", "Pays", "País", "Paese", "Nazione", "Stato",
	},
	"custom_field": {
		"custom field", "custom 1", "custom", "notes", "note", "comments", "comment", "remarks", "remark",
		"Notiz", "Notizen", "Bemerkung", "Bemerkungen", "Kommentar", "Anmerkung",
		"Remarque", "Remarques", "Commentaire", "Commentaires", "Observations",
		"Nota", "Notas", "Observaciones", "Comentario", "Comentarios",
		"Commento", "Commenti", "Osservazioni",
		"Notitie", "Notities", "Opmerking", "Opmerkingen", "Commentaar",
		"Observações", "Comentário", "Comentários",
	},
	"customer_username": {
		"customer username", "username", "user name", "user", "login", "login name",
		"Benutzername", "Benutzer", "Anmeldename", "Nom d'utilisateur", "Utilisateur",
		"Nombre de usuario", "Usuario", "Nome utente", "Utente", "Gebruikersnaam", "Gebruiker",
		"Nome de utilizador", "Nome de usuário", "Utilizador", "Usuário",
	},
	"customer_password": {
		"customer password", "password", "pass", "pwd",
		"Passwort", "Kennwort", "Mot de passe", "Contraseña", "Clave", "Wachtwoord", "Senha", "Palavra-passe",
	},
	"customer_PIN": {"customer pin", "pin", "pin code", "Code PIN", "PIN-Code", "Código PIN", "Codice PIN", "Pincode"},
	"auto_add":     {"auto add", "bonus", "bonus points", "signup bonus", "welcome bonus", "welcome points"},
}

// suggestedOnly are names offered for a header but never mapped by AutoMap:
// a points column exported from another system is rarely meant to be added
// to the balance on every import.
var suggestedOnly = map[string]string{
	"points": "auto_add", "balance": "auto_add", "points balance": "auto_add", "visits": "auto_add",
	"Punkte": "auto_add", "Punktestand": "auto_add", "Guthaben": "auto_add", "Solde": "auto_add",
	"Puntos": "auto_add", "Saldo": "auto_add", "Punti": "auto_add", "Punten": "auto_add", "Pontos": "auto_add",
}
